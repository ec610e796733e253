package io.pybridge.ml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link GpuMonitor} saw at one moment: every GPU device with its memory, or none and why.
 *
 * <p>An empty snapshot always carries its reason ({@code libnvidia-ml.so.1 not found (tried: ...)},
 * {@code nvmlInit_v2 failed: NVML_ERROR_DRIVER_NOT_LOADED (Driver Not Loaded)}), so "no GPU" is
 * an answer to show, never an exception to catch.
 *
 * @param devices            the devices, by index; a device whose own query failed is listed with its error
 * @param source             what answered: {@code "nvml"}, or {@code "none"} when no source could be used
 * @param driverVersion      the GPU driver's version, when the source tells it
 * @param unavailableReason  why {@code devices} is empty; present exactly when it is
 */
public record GpuSnapshot(List<GpuDevice> devices, String source, Optional<String> driverVersion,
                          Optional<String> unavailableReason) {
    public GpuSnapshot {
        devices = List.copyOf(devices);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(driverVersion, "driverVersion");
        Objects.requireNonNull(unavailableReason, "unavailableReason");
        if (devices.isEmpty() != unavailableReason.isPresent()) {
            throw new IllegalArgumentException(devices.isEmpty()
                    ? "an empty GPU snapshot must say why it is empty"
                    : "a GPU snapshot with devices cannot also be unavailable: " + unavailableReason.get());
        }
    }

    /** A snapshot with no devices, saying why. */
    static GpuSnapshot unavailable(String source, Optional<String> driverVersion, String reason) {
        return new GpuSnapshot(List.of(), source, driverVersion, Optional.of(reason));
    }

    /** Whether any GPU was seen. */
    public boolean available() {
        return !devices.isEmpty();
    }
}
