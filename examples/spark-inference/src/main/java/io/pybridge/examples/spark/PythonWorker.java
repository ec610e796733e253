package io.pybridge.examples.spark;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.arrow.ArrowBridge;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Python interpreter of this JVM (a Spark executor, or in local mode the driver, which is also
 * the executor), started on first use and shared by every task thread. CPython holds one interpreter per
 * process and cannot be restarted, so this is a JVM-wide singleton, never closed: the executor's exit
 * ends it. The interpreter is whatever {@code Python.start()} discovers ({@code -Dpybridge.python},
 * {@code $PYBRIDGE_PYTHON}, an active venv, {@code python3} on the PATH, else the bundled CPython).
 */
public final class PythonWorker {
    private static volatile PythonWorker instance;

    private final Python python;
    private final BufferAllocator allocator = new RootAllocator();
    private final ArrowBridge arrow;
    private final PyObject module;
    private final PyObject scoreTimed;
    private final Map<String, PyObject> models = new ConcurrentHashMap<>();
    private final AtomicInteger modelLoads = new AtomicInteger();

    private PythonWorker() {
        python = Python.start();
        python.addModulePath(ModuleFolder.find());
        arrow = ArrowBridge.of(python, allocator);
        module = python.withGil(py -> py.importModule(ModuleFolder.PACKAGE));
        scoreTimed = module.getAttr("score_batch_timed");
    }

    /** This JVM's worker, started by the first caller; later callers (other task threads) share it. */
    public static PythonWorker get() {
        PythonWorker worker = instance;
        if (worker == null) {
            synchronized (PythonWorker.class) {   // no GIL is held here: start-up takes it only inside
                worker = instance;
                if (worker == null) {
                    worker = new PythonWorker();
                    instance = worker;
                }
            }
        }
        return worker;
    }

    public Python python() {
        return python;
    }

    public ArrowBridge arrow() {
        return arrow;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** The {@code digits_model} module. */
    public PyObject module() {
        return module;
    }

    PyObject scoreTimed() {
        return scoreTimed;
    }

    /**
     * The model of {@code payload}, unpickled once per JVM whatever the number of tasks and threads
     * asking. The first load happens outside any lock, so a thread holding the GIL is never blocked
     * behind one; two threads racing may both unpickle, and one copy is dropped.
     */
    public PyObject model(ModelPayload payload) {
        PyObject model = models.get(payload.id());
        if (model != null) {
            return model;
        }
        PyObject loaded = python.withGil(py -> module.callMethod("loads", payload.pickled()));
        modelLoads.incrementAndGet();
        PyObject raced = models.putIfAbsent(payload.id(), loaded);
        if (raced != null) {
            loaded.close();
            return raced;
        }
        return loaded;
    }

    /** How many times a model was unpickled in this JVM (task threads racing for the first load may both do it). */
    public int modelLoads() {
        return modelLoads.get();
    }

    /** How many models this JVM holds. */
    public int modelsHeld() {
        return models.size();
    }
}
