package io.pybridge.ml;

/** A {@link GpuMemorySource} cannot be used on this machine; the message says why, for the snapshot's reason. */
final class GpuSourceUnavailableException extends Exception {
    GpuSourceUnavailableException(String reason) {
        super(reason);
    }
}
