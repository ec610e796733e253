package io.pybridge.ml;

import java.util.Objects;
import java.util.Optional;

/**
 * One GPU and its memory, as one {@link GpuMonitor#snapshot()} read it.
 *
 * <p>A device whose own query failed (a lost GPU, a driver error) is still listed, with the reason
 * in {@code error}; what could not be read is then empty or zero. The other devices of the same
 * snapshot are unaffected.
 *
 * @param index       the device's index as the driver numbers it (not remapped by {@code CUDA_VISIBLE_DEVICES})
 * @param name        e.g. {@code NVIDIA H200}; empty when it could not be read
 * @param totalBytes  installed device memory; 0 when it could not be read
 * @param usedBytes   allocated device memory, including what the driver reserves; 0 when it could not be read
 * @param freeBytes   memory not allocated; 0 when it could not be read
 * @param error       why something about this device could not be read, in the source's own words,
 *                    e.g. {@code nvmlDeviceGetMemoryInfo failed: NVML_ERROR_GPU_IS_LOST (GPU is lost)}
 */
public record GpuDevice(int index, String name, long totalBytes, long usedBytes, long freeBytes,
                        Optional<String> error) {
    public GpuDevice {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be 0 or more, got " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(error, "error");
        if (totalBytes < 0 || usedBytes < 0 || freeBytes < 0) {
            throw new IllegalArgumentException("GPU " + index + " memory figures must be 0 or more, got total "
                    + totalBytes + ", used " + usedBytes + ", free " + freeBytes);
        }
    }

    /** A device whose query failed before its memory could be read. */
    static GpuDevice failed(int index, String name, String error) {
        return new GpuDevice(index, name, 0, 0, 0, Optional.of(error));
    }

    /** Whether everything about this device was read: no {@link #error()}. */
    public boolean complete() {
        return error.isEmpty();
    }
}
