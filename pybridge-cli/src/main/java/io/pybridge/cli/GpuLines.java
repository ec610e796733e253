package io.pybridge.cli;

import io.pybridge.Python;
import io.pybridge.ml.GpuDevice;
import io.pybridge.ml.GpuMonitor;
import io.pybridge.ml.GpuSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The GPU section of {@code pybridge doctor}: every device and its memory, or why there is none. */
final class GpuLines {
    private GpuLines() {
    }

    /** Reads the GPUs now: NVML, then (when {@code python} runs) pynvml and torch.cuda. */
    static List<String> now(Python python) {
        try (GpuMonitor monitor = python == null ? GpuMonitor.open() : GpuMonitor.open(python)) {
            return of(monitor.snapshot());
        } catch (RuntimeException e) {
            return List.of("could not be read: " + OneLine.of(e.toString()));
        }
    }

    static List<String> of(GpuSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        if (!snapshot.available()) {
            lines.add("none: " + snapshot.unavailableReason().orElse("no device"));
            return lines;
        }
        snapshot.driverVersion().ifPresent(driver -> lines.add("driver " + driver + " (read through " + snapshot.source() + ")"));
        for (GpuDevice device : snapshot.devices()) {
            String name = device.name().isEmpty() ? "(name unknown)" : device.name();
            StringBuilder line = new StringBuilder("GPU " + device.index() + ": " + name);
            if (device.totalBytes() > 0) {
                line.append(", ").append(gib(device.usedBytes())).append(" of ").append(gib(device.totalBytes()))
                        .append(" used, ").append(gib(device.freeBytes())).append(" free");
            }
            device.error().ifPresent(error -> line.append(" (").append(error).append(')'));
            lines.add(line.toString());
        }
        return lines;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
