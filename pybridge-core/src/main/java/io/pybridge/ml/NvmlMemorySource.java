package io.pybridge.ml;

import io.pybridge.internal.nvml.NvmlCallException;
import io.pybridge.internal.nvml.NvmlDevice;
import io.pybridge.internal.nvml.NvmlLibrary;
import io.pybridge.internal.nvml.NvmlLocations;
import io.pybridge.internal.nvml.NvmlMemoryInfo;
import io.pybridge.internal.nvml.NvmlUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GPU memory from NVML called directly: one {@code nvmlInit_v2} when opened, one {@code nvmlShutdown} when closed. */
final class NvmlMemorySource implements GpuMemorySource {
    static final String NAME = "nvml";
    private static final Logger LOG = LoggerFactory.getLogger(NvmlMemorySource.class);

    private final NvmlLibrary nvml;
    private final Optional<String> driverVersion;

    private NvmlMemorySource(NvmlLibrary nvml, Optional<String> driverVersion) {
        this.nvml = nvml;
        this.driverVersion = driverVersion;
    }

    /** Loads NVML from the first of {@code locations} that has it and initializes it. */
    static NvmlMemorySource open(NvmlLocations locations) throws GpuSourceUnavailableException {
        NvmlLibrary nvml;
        try {
            nvml = NvmlLibrary.open(locations);
        } catch (NvmlUnavailableException e) {
            throw new GpuSourceUnavailableException(e.getMessage());
        } catch (IllegalCallerException e) {
            throw new GpuSourceUnavailableException("native access is denied to PyBridge, so NVML cannot be"
                    + " loaded; run with --enable-native-access=ALL-UNNAMED (or the PyBridge module): "
                    + e.getMessage());
        }
        try {
            nvml.init();
        } catch (NvmlCallException e) {
            throw new GpuSourceUnavailableException(e.getMessage() + "; library: " + nvml.location());
        }
        return new NvmlMemorySource(nvml, driverVersionOf(nvml));
    }

    private static Optional<String> driverVersionOf(NvmlLibrary nvml) {
        try {
            return nvml.driverVersion();
        } catch (NvmlCallException e) {
            LOG.debug("GPU driver version unknown: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GpuSnapshot snapshot() {
        int count;
        try {
            count = nvml.deviceCount();
        } catch (NvmlCallException e) {
            return GpuSnapshot.unavailable(NAME, driverVersion, e.getMessage());
        }
        if (count <= 0) {
            return GpuSnapshot.unavailable(NAME, driverVersion, "NVML found no NVIDIA GPU"
                    + driverVersion.map(version -> " (driver " + version + ")").orElse(""));
        }
        return new GpuSnapshot(IntStream.range(0, count).mapToObj(this::device).toList(), NAME, driverVersion,
                Optional.empty());
    }

    /** Reads one device; a failing call becomes that device's error and the rest of it is still read where possible. */
    private GpuDevice device(int index) {
        NvmlDevice device;
        try {
            device = nvml.device(index);
        } catch (NvmlCallException e) {
            return GpuDevice.failed(index, "", e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        String name = "";
        try {
            name = nvml.deviceName(device);
        } catch (NvmlCallException e) {
            errors.add(e.getMessage());
        }
        NvmlMemoryInfo memory = null;
        try {
            memory = nvml.memoryInfo(device);
        } catch (NvmlCallException e) {
            errors.add(e.getMessage());
        }
        if (memory != null && (memory.total() < 0 || memory.free() < 0 || memory.used() < 0)) {
            errors.add("nvmlDeviceGetMemoryInfo reported figures beyond 2^63 bytes (total " + Long.toUnsignedString(
                    memory.total()) + ", free " + Long.toUnsignedString(memory.free()) + ", used "
                    + Long.toUnsignedString(memory.used()) + "): not a real device's answer");
            memory = null;
        }
        if (memory == null) {
            return GpuDevice.failed(index, name, String.join("; ", errors));
        }
        return new GpuDevice(index, name, memory.total(), memory.used(), memory.free(),
                errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)));
    }

    @Override
    public void close() {
        try {
            nvml.shutdown();
        } catch (NvmlCallException e) {
            LOG.warn("NVML did not shut down cleanly: {}", e.getMessage());
        }
    }
}
