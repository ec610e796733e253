package io.pybridge.ml;

import io.pybridge.Python;

import io.pybridge.internal.nvml.NvmlLocations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GPU devices and their memory: how many, what they are, how much memory each has, uses and has
 * free. Meant for showing GPU memory next to model work (load a model, see what it took; unload it,
 * see it come back), as the original bridge did through pynvml.
 *
 * <p>It reads NVML, the NVIDIA driver's own management library, directly: no Python package and no
 * CUDA toolkit needed, and it works before any Python runtime is started. Where there is no NVIDIA
 * GPU, no driver, or no NVML, nothing is thrown: every {@link #snapshot()} is empty and says why.
 *
 * <pre>{@code
 * try (GpuMonitor gpus = GpuMonitor.open()) {
 *     GpuSnapshot now = gpus.snapshot();
 *     now.unavailableReason().ifPresent(reason -> System.out.println("no GPU: " + reason));
 *     for (GpuDevice device : now.devices()) {
 *         System.out.printf("GPU %d %s: %d of %d MiB used%n", device.index(), device.name(),
 *                 device.usedBytes() >> 20, device.totalBytes() >> 20);
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: snapshots may be taken from any number of threads at once. {@link #close()} waits
 * for snapshots in progress, releases NVML once, and makes every later use throw
 * {@link IllegalStateException}. A monitor never closed keeps one NVML initialization for the life
 * of the process, which costs little; close it anyway.
 */
public final class GpuMonitor implements AutoCloseable {
    /** {@link GpuSnapshot#source()} when no source could be opened. */
    static final String NO_SOURCE = "none";

    /** Null when no source could be opened; then {@link #unavailableReason} says why. */
    private final GpuMemorySource source;
    private final String unavailableReason;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private GpuMonitor(GpuMemorySource source, String unavailableReason) {
        this.source = source;
        this.unavailableReason = unavailableReason;
    }

    /**
     * A monitor reading NVML from where the platform keeps it: {@code libnvidia-ml.so.1} through
     * the dynamic loader, then the driver folders of the common Linux distributions, NVIDIA's
     * container images and WSL 2; {@code nvml.dll} in System32 or the NVSMI folder on Windows.
     * Never throws for a machine without a GPU.
     */
    public static GpuMonitor open() {
        return openFirst(List.of(new SourceCandidate(NvmlMemorySource.NAME,
                () -> NvmlMemorySource.open(NvmlLocations.forThisPlatform()))));
    }

    /**
     * Like {@link #open()}, and where NVML cannot be loaded, asks Python through {@code python}:
     * pynvml, then {@code torch.cuda.mem_get_info} (which counts devices after
     * {@code CUDA_VISIBLE_DEVICES}, unlike NVML). The reason for an empty snapshot lists all three.
     */
    public static GpuMonitor open(Python python) {
        Objects.requireNonNull(python, "python");
        return openFirst(List.of(
                new SourceCandidate(NvmlMemorySource.NAME, () -> NvmlMemorySource.open(NvmlLocations.forThisPlatform())),
                new SourceCandidate(PythonGpuSource.PYNVML, () -> PythonGpuSource.pynvml(python)),
                new SourceCandidate(PythonGpuSource.TORCH, () -> PythonGpuSource.torch(python))));
    }

    /**
     * A monitor reading NVML from exactly {@code library}, with no search: for a driver installed
     * somewhere unusual, or a stand-in library in tests. A file that is missing or is not NVML gives
     * a monitor whose snapshots are empty and say so.
     */
    public static GpuMonitor nvml(Path library) {
        Objects.requireNonNull(library, "library");
        return openFirst(List.of(new SourceCandidate(NvmlMemorySource.NAME,
                () -> NvmlMemorySource.open(NvmlLocations.of(library)))));
    }

    /**
     * Opens the first candidate that can be used. With none, the reason is the single candidate's
     * own, or every candidate's, each prefixed with its name.
     */
    static GpuMonitor openFirst(List<SourceCandidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a GPU monitor needs at least one source to try");
        }
        List<String> reasons = new ArrayList<>();
        for (SourceCandidate candidate : candidates) {
            try {
                return new GpuMonitor(candidate.opener().open(), null);
            } catch (GpuSourceUnavailableException e) {
                reasons.add(candidates.size() == 1 ? e.getMessage() : candidate.name() + ": " + e.getMessage());
            }
        }
        return new GpuMonitor(null, String.join("; ", reasons));
    }

    /**
     * The devices and their memory now. Each call asks the driver afresh; a device whose own query
     * fails is listed with its error.
     *
     * @throws IllegalStateException the monitor is closed
     */
    public GpuSnapshot snapshot() {
        lock.readLock().lock();
        try {
            ensureOpen();
            return source != null
                    ? source.snapshot()
                    : GpuSnapshot.unavailable(NO_SOURCE, Optional.empty(), unavailableReason);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The devices now: {@code snapshot().devices()}, empty where there is no GPU.
     *
     * @throws IllegalStateException the monitor is closed
     */
    public List<GpuDevice> devices() {
        return snapshot().devices();
    }

    /** Releases NVML (one {@code nvmlShutdown}). Idempotent; waits for snapshots in progress. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (source != null) {
                source.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this GpuMonitor is closed; open a new one to read GPU memory");
        }
    }

    @Override
    public String toString() {
        return "GpuMonitor[" + (source != null ? source.name() : NO_SOURCE + ": " + unavailableReason) + "]";
    }

    /** A source to try, by name, and how to open it. */
    record SourceCandidate(String name, Opener opener) {
        SourceCandidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opener, "opener");
        }
    }

    /** Opens a source, or says why it cannot be used here. */
    @FunctionalInterface
    interface Opener {
        GpuMemorySource open() throws GpuSourceUnavailableException;
    }
}
