package io.pybridge.cli;

import io.pybridge.ml.GpuDevice;
import io.pybridge.ml.GpuSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GpuLinesTest {

    @Test
    void devicesWithTheirMemoryAndErrors() {
        GpuSnapshot snapshot = new GpuSnapshot(List.of(
                new GpuDevice(0, "NVIDIA H200", 150_000_000_000L, 1L << 30, 150_000_000_000L - (1L << 30), Optional.empty()),
                new GpuDevice(1, "", 0, 0, 0, Optional.of("nvmlDeviceGetMemoryInfo failed: NVML_ERROR_GPU_IS_LOST"))),
                "nvml", Optional.of("550.54.15"), Optional.empty());
        assertEquals(List.of(
                "driver 550.54.15 (read through nvml)",
                "GPU 0: NVIDIA H200, 1.0 GiB of 139.7 GiB used, 138.7 GiB free",
                "GPU 1: (name unknown) (nvmlDeviceGetMemoryInfo failed: NVML_ERROR_GPU_IS_LOST)"), GpuLines.of(snapshot));
    }

    @Test
    void noDeviceSaysWhy() {
        GpuSnapshot none = new GpuSnapshot(List.of(), "none", Optional.empty(),
                Optional.of("libnvidia-ml.so.1 not found (tried: ...)"));
        assertEquals(List.of("none: libnvidia-ml.so.1 not found (tried: ...)"), GpuLines.of(none));
    }
}
