package io.pybridge.ml;

/**
 * One way of reading GPU memory: NVML called directly now; pynvml and {@code torch.cuda} through
 * the Python bridge are the fallbacks meant for when NVML cannot be loaded. A source is opened by
 * its own factory, which reports an unusable source as a {@link GpuSourceUnavailableException}.
 *
 * <p>Implementations are thread-safe for {@link #snapshot()}; {@link GpuMonitor} makes sure
 * {@link #close()} runs once and never during a snapshot.
 */
interface GpuMemorySource {
    /** Short name, used as {@link GpuSnapshot#source()}: {@code "nvml"}. */
    String name();

    /** The devices now. Failures after opening are reported inside the snapshot, never thrown. */
    GpuSnapshot snapshot();

    /** Releases what opening took (NVML: one {@code nvmlShutdown}). */
    void close();
}
