package io.pybridge.ml;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.internal.runtime.GilReleasingWait;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Named models, loaded once and unloaded on request or when memory runs short.
 *
 * <p>{@link #get} loads a model on first use; callers that ask for it while it loads wait for that one
 * load (with the GIL released, so the loading thread can run) instead of loading it again. With a
 * memory budget, loading a model that takes the registry over budget unloads the least recently used
 * others first. Unloading drops the registry's reference, runs the source's unload hook, then
 * {@code gc.collect()} and {@code torch.cuda.empty_cache()} where torch is loaded, and reports
 * memory before and after (process RSS; GPU memory where a GPU is visible).
 *
 * <p>Objects handed out by {@code get} are the caller's references: close them when done, or the
 * model's memory stays in use after {@link #unload}.
 */
public final class ModelRegistry implements AutoCloseable {
    private final Python python;
    private final long budgetBytes;
    private final GpuMonitor gpus;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ModelSource> sources = new LinkedHashMap<>();
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private ModelRegistry(Builder builder) {
        this.python = builder.python;
        this.budgetBytes = builder.budgetBytes;
        this.gpus = builder.gpus;
        this.clock = builder.clock;
    }

    public static Builder builder(Python python) {
        return new Builder(Objects.requireNonNull(python, "python"));
    }

    /** A loaded (or loading) model and its bookkeeping. */
    private static final class Slot {
        final CompletableFuture<PyObject> model = new CompletableFuture<>();
        long footprintBytes;
        Instant loadedAt;
        volatile Instant lastUsed;
    }

    /**
     * Declares a model under {@code name}; nothing is loaded yet.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public void define(String name, ModelSource source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        lock.lock();
        try {
            if (sources.putIfAbsent(name, source) != null) {
                throw new IllegalArgumentException("a model named '" + name + "' is already defined");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The model, loaded now if it is not yet. Returns a new reference the caller owns.
     *
     * @throws IllegalArgumentException when no model has that name
     * @throws io.pybridge.PythonException when loading fails (a later {@code get} tries again)
     */
    public PyObject get(String name) {
        return get(name, null);
    }

    /**
     * Like {@link #get(String)}; a load this call starts reports its progress to {@code listener}
     * (callers that find the model loading or loaded are not told).
     */
    public PyObject get(String name, ProgressListener listener) {
        Slot slot;
        boolean loadHere = false;
        lock.lock();
        try {
            ModelSource source = sources.get(name);
            if (source == null) {
                throw new IllegalArgumentException("no model named '" + name + "' (defined: " + sources.keySet() + ")");
            }
            slot = slots.get(name);
            if (slot == null) {
                slot = new Slot();
                slots.put(name, slot);
                loadHere = true;
            }
        } finally {
            lock.unlock();
        }
        if (loadHere) {
            load(name, slot, listener);
        }
        PyObject model = GilReleasingWait.join(slot.model);
        slot.lastUsed = clock.instant();
        return python.withGil(py -> py.toPython(model));
    }

    private void load(String name, Slot slot, ProgressListener listener) {
        ModelSource source;
        lock.lock();
        try {
            source = sources.get(name);
        } finally {
            lock.unlock();
        }
        try {
            MemoryUsage before = ProcessMemory.now(gpus);
            PyObject model = python.withGil(py -> listener == null ? source.load(py) : source.load(py, listener));
            MemoryUsage after = ProcessMemory.now(gpus);
            slot.footprintBytes = Math.max(0, Math.max(after.residentBytes() - before.residentBytes(),
                    after.gpuUsedBytes().orElse(0) - before.gpuUsedBytes().orElse(0)));
            slot.loadedAt = clock.instant();
            slot.lastUsed = slot.loadedAt;
            slot.model.complete(model);
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                slots.remove(name, slot);
            } finally {
                lock.unlock();
            }
            slot.model.completeExceptionally(e);
            throw e;
        }
        enforceBudget(name);
    }

    /** Unloads least recently used models (never {@code keep}) until the loaded ones fit the budget. */
    private void enforceBudget(String keep) {
        if (budgetBytes == Long.MAX_VALUE) {
            return;
        }
        while (true) {
            String victim;
            lock.lock();
            try {
                long total = 0;
                victim = null;
                Instant oldest = null;
                for (Map.Entry<String, Slot> e : slots.entrySet()) {
                    Slot s = e.getValue();
                    if (!s.model.isDone() || s.model.isCompletedExceptionally()) {
                        continue;
                    }
                    total += s.footprintBytes;
                    if (!e.getKey().equals(keep) && (oldest == null || s.lastUsed.isBefore(oldest))) {
                        oldest = s.lastUsed;
                        victim = e.getKey();
                    }
                }
                if (total <= budgetBytes || victim == null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            unload(victim);
        }
    }

    /**
     * Unloads {@code name} if it is loaded, and says what memory came back; a model still loading is
     * waited for first.
     */
    public MemoryReport unload(String name) {
        Slot slot;
        lock.lock();
        try {
            slot = slots.remove(name);
        } finally {
            lock.unlock();
        }
        MemoryUsage before = ProcessMemory.now(gpus);
        if (slot != null) {
            PyObject model;
            try {
                model = GilReleasingWait.join(slot.model);
            } catch (RuntimeException e) {
                return new MemoryReport(name, before, before);
            }
            ModelSource source = sources.get(name);
            python.withGil(py -> {
                model.close();
                source.unload(py);
                releaseCaches(py);
                return null;
            });
        }
        return new MemoryReport(name, before, ProcessMemory.now(gpus));
    }

    private static void releaseCaches(io.pybridge.Py py) {
        py.exec("""
                import gc, sys
                gc.collect()
                if 'torch' in sys.modules:
                    _torch = sys.modules['torch']
                    if _torch.cuda.is_available():
                        _torch.cuda.empty_cache()
                    del _torch
                """);
    }

    /** Unloads every model, most recently used last. */
    public List<MemoryReport> unloadAll() {
        List<String> names;
        lock.lock();
        try {
            names = new ArrayList<>(slots.keySet());
        } finally {
            lock.unlock();
        }
        List<MemoryReport> reports = new ArrayList<>();
        for (String name : names) {
            reports.add(unload(name));
        }
        return reports;
    }

    /** The models loaded now, least recently used first. */
    public List<LoadedModel> loaded() {
        lock.lock();
        try {
            return slots.entrySet().stream()
                    .filter(e -> e.getValue().model.isDone() && !e.getValue().model.isCompletedExceptionally())
                    .map(e -> new LoadedModel(e.getKey(), e.getValue().footprintBytes, e.getValue().loadedAt,
                            e.getValue().lastUsed))
                    .sorted(Comparator.comparing(LoadedModel::lastUsed))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** Memory in use now, as the registry measures it. */
    public MemoryUsage memoryNow() {
        return ProcessMemory.now(gpus);
    }

    /** Unloads everything. */
    @Override
    public void close() {
        unloadAll();
    }

    /** Settings for a {@link ModelRegistry}. */
    public static final class Builder {
        private final Python python;
        private long budgetBytes = Long.MAX_VALUE;
        private GpuMonitor gpus;
        private Clock clock = Clock.systemUTC();

        private Builder(Python python) {
            this.python = python;
        }

        /** Unload least recently used models when the loaded ones together take more than this. */
        public Builder memoryBudget(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("the memory budget must be positive, got " + bytes);
            }
            this.budgetBytes = bytes;
            return this;
        }

        /** Where GPU memory is read from, for reports and footprints; none by default. */
        public Builder gpuMonitor(GpuMonitor monitor) {
            this.gpus = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ModelRegistry build() {
            return new ModelRegistry(this);
        }
    }
}
