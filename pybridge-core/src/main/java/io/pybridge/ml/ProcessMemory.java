package io.pybridge.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads the process's resident set size; -1 where the platform has no {@code /proc}. */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static MemoryUsage now(GpuMonitor gpus) {
        OptionalLong gpu = OptionalLong.empty();
        if (gpus != null) {
            GpuSnapshot snapshot = gpus.snapshot();
            if (snapshot.available()) {
                gpu = OptionalLong.of(snapshot.devices().stream().filter(GpuDevice::complete)
                        .mapToLong(GpuDevice::usedBytes).sum());
            }
        }
        return new MemoryUsage(residentBytes(), gpu);
    }
}
