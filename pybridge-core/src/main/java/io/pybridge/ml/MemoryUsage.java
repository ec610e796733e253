package io.pybridge.ml;

import java.util.OptionalLong;

/**
 * Memory in use at one moment: the process's resident set (what the OS counts against it, Python
 * and Java heaps and native allocations together) and, where a GPU is visible, the bytes used on
 * the GPUs.
 *
 * @param residentBytes process RSS, or -1 where the platform does not say
 * @param gpuUsedBytes  used bytes summed over all GPUs, empty without a GPU
 */
public record MemoryUsage(long residentBytes, OptionalLong gpuUsedBytes) {

    @Override
    public String toString() {
        return "RSS " + Bytes.format(residentBytes)
                + (gpuUsedBytes.isPresent() ? ", GPU " + Bytes.format(gpuUsedBytes.getAsLong()) : "");
    }
}
