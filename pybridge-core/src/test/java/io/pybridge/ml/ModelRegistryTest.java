package io.pybridge.ml;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelRegistryTest {
    private static final long MB = 1024 * 1024;
    private static Python python;

    @BeforeAll
    static void models() {
        python = Python.start();
        python.withGil(py -> {
            py.exec("""
                    import time
                    loads = {}
                    class Model:
                        def __init__(self, name, megabytes):
                            import numpy
                            self.name = name
                            self.weights = numpy.ones(megabytes * 131072)  # float64: 8 bytes each
                        def predict(self, x):
                            return float(self.weights[0] * x)
                    def loader(name, megabytes, delay=0.0):
                        def load():
                            loads[name] = loads.get(name, 0) + 1
                            time.sleep(delay)
                            return Model(name, megabytes)
                        return load
                    import weakref
                    class GpuModel:
                        pass
                    def gpu_model(release):
                        model = GpuModel()
                        weakref.finalize(model, release)
                        return model
                    def failing():
                        loads['failing'] = loads.get('failing', 0) + 1
                        if loads['failing'] == 1:
                            raise RuntimeError('weights file is corrupt')
                        return 'recovered'
                    """);
            return null;
        });
    }

    private static boolean hasNumpy() {
        return python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('numpy') is not None")
                .as(Boolean.class));
    }

    private static ModelSource source(String name, int megabytes, double delay) {
        PyObject loader = python.withGil(py -> py.eval("loader('" + name + "', " + megabytes + ", " + delay + ")"));
        return ModelSource.callable(loader);
    }

    private static long loads(String name) {
        return python.withGil(py -> py.eval("loads.get('" + name + "', 0)").as(Long.class));
    }

    @Test
    void loadsOnceWhenManyThreadsAskFirst() throws Exception {
        assumeTrue(hasNumpy(), "numpy is not importable in this interpreter");
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("shared", source("shared", 8, 0.2));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Double>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                int x = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    if (x % 2 == 0) {
                        // Half of them ask while holding the GIL: the wait must release it.
                        return python.withGil(py -> {
                            try (PyObject m = registry.get("shared")) {
                                return m.callMethod("predict", x).as(Double.class);
                            }
                        });
                    }
                    try (PyObject m = registry.get("shared")) {
                        return m.callMethod("predict", x).as(Double.class);
                    }
                }));
            }
            go.countDown();
            for (int i = 0; i < answers.size(); i++) {
                assertEquals((double) i, answers.get(i).get());
            }
        }
        assertEquals(1L, loads("shared"));
        registry.close();
    }

    @Test
    void unloadGivesTheMemoryBack() {
        assumeTrue(hasNumpy(), "numpy is not importable in this interpreter");
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("big", source("big", 256, 0));
        MemoryUsage before = registry.memoryNow();
        try (PyObject model = registry.get("big")) {
            assertEquals(1.0, model.callMethod("predict", 1).as(Double.class));
        }
        LoadedModel loaded = registry.loaded().getFirst();
        assertTrue(loaded.footprintBytes() > 200 * MB, "footprint " + loaded.footprintBytes());
        MemoryReport report = registry.unload("big");
        assertTrue(report.residentBytesFreed() > 200 * MB, report.toString() + " (before load: " + before + ")");
        assertTrue(registry.loaded().isEmpty());
        assertTrue(report.before().gpuUsedBytes().isEmpty() && report.after().gpuUsedBytes().isEmpty(),
                "without a GPU monitor GPU memory is not measured: " + report);
    }

    @Test
    void unloadReportsTheGpuMemoryTheModelGaveBack() {
        // A stand-in device whose used memory the model's own lifetime drives: loading takes 300 MB, and
        // the model object's finalizer gives them back, so the figure moves only if unload really drops it.
        AtomicLong used = new AtomicLong(100 * MB);
        GpuMonitor gpus = GpuMonitor.openFirst(List.of(new GpuMonitor.SourceCandidate("test-gpu", () -> new StandInGpu(used))));
        ModelRegistry registry = ModelRegistry.builder(python).gpuMonitor(gpus).build();
        registry.define("on-gpu", py -> {
            used.addAndGet(300 * MB);
            try (PyObject factory = py.eval("gpu_model");
                 PyObject release = py.toPython((Runnable) () -> used.addAndGet(-300 * MB))) {
                return factory.call(release);
            }
        });
        registry.get("on-gpu").close();
        assertEquals(400 * MB, used.get(), "loaded");
        MemoryReport report = registry.unload("on-gpu");
        assertEquals(300 * MB, report.gpuBytesFreed(), report.toString());
        assertEquals(100 * MB, used.get());
        registry.close();
        gpus.close();
    }

    /** One device whose used memory is whatever {@code used} holds. */
    private record StandInGpu(AtomicLong used) implements GpuMemorySource {
        @Override
        public String name() {
            return "test-gpu";
        }

        @Override
        public GpuSnapshot snapshot() {
            long total = 16_000 * MB;
            return new GpuSnapshot(List.of(new GpuDevice(0, "stand-in", total, used.get(), total - used.get(), Optional.empty())),
                    name(), Optional.empty(), Optional.empty());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void leastRecentlyUsedGoesFirstWhenOverBudget() {
        assumeTrue(hasNumpy(), "numpy is not importable in this interpreter");
        // Each reading of the clock is a second later: uses are ordered by the clock, never by how fast this ran.
        AtomicLong seconds = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.incrementAndGet());
            }
        };
        ModelRegistry registry = ModelRegistry.builder(python).memoryBudget(330 * MB).clock(ticking).build();
        registry.define("a", source("a", 128, 0));
        registry.define("b", source("b", 128, 0));
        registry.define("c", source("c", 128, 0));
        registry.get("a").close();
        registry.get("b").close();
        registry.get("a").close();
        registry.get("c").close();
        List<String> names = registry.loaded().stream().map(LoadedModel::name).toList();
        assertEquals(List.of("a", "c"), names, "b was least recently used");
        registry.close();
        assertTrue(registry.loaded().isEmpty());
    }

    @Test
    void moduleHooksAsInTheSeed() {
        python.withGil(py -> {
            py.exec("""
                    import types, sys
                    hooks = types.ModuleType('hooks_module')
                    exec('''
                    MODELS = {}
                    def load_all_models():
                        MODELS['text'] = 'loaded'
                    def unload_all_models():
                        MODELS.clear()
                    ''', hooks.__dict__)
                    sys.modules['hooks_module'] = hooks
                    """);
            return null;
        });
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("all", ModelSource.moduleHooks("hooks_module", "load_all_models", "unload_all_models"));
        try (PyObject module = registry.get("all")) {
            assertEquals("loaded", module.getAttr("MODELS").getItem("text").as(String.class));
        }
        registry.unload("all");
        assertEquals(0L, (long) python.withGil(py -> py.eval("len(sys.modules['hooks_module'].MODELS)").as(Long.class)));
    }

    @Test
    void aFailedLoadIsRetriedByTheNextGet() {
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("flaky", ModelSource.callable(python.withGil(py -> py.eval("failing"))));
        PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> registry.get("flaky"));
        assertEquals("RuntimeError", e.pythonType());
        try (PyObject model = registry.get("flaky")) {
            assertEquals("recovered", model.as(String.class));
        }
    }

    @Test
    void progressReachesJavaEvenFromAPythonThread() {
        python.withGil(py -> {
            py.exec("""
                    import threading
                    def threaded_loader(progress=None):
                        def work():
                            for i in range(1, 4):
                                progress(i, 3, 'shard %d' % i)
                        t = threading.Thread(target=work)
                        t.start()
                        t.join()
                        return 'with progress'
                    """);
            return null;
        });
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("progressive", ModelSource.callable(python.withGil(py -> py.eval("threaded_loader"))));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PyObject model = registry.get("progressive",
                (done, total, message) -> seen.add(done + "/" + total + " " + message + " on " + Thread.currentThread().getName()))) {
            assertEquals("with progress", model.as(String.class));
        }
        assertEquals(3, seen.size(), seen.toString());
        assertTrue(seen.get(2).startsWith("3/3 shard 3 on "), seen.toString());
        assertTrue(!seen.get(0).endsWith(" on " + Thread.currentThread().getName()), "reported from Python's thread: " + seen);
    }

    @Test
    void misuseIsNamed() {
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("x", ModelSource.callable(python.withGil(py -> py.eval("lambda: 1"))));
        assertThrows(IllegalArgumentException.class, () -> registry.define("x", py -> null));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> registry.get("y"));
        assertTrue(unknown.getMessage().contains("no model named 'y'"));
        assertThrows(IllegalArgumentException.class, () -> ModelRegistry.builder(python).memoryBudget(0));
        assertEquals("x", registry.unload("x").model(), "unloading what is not loaded is a no-op");
    }
}
