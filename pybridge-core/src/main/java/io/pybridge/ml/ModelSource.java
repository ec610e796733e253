package io.pybridge.ml;

import io.pybridge.Py;
import io.pybridge.PyObject;

import java.util.Objects;

/**
 * How a named model is loaded and unloaded. Loading returns the Python object the registry hands
 * out; unloading runs after the registry has dropped its reference.
 */
public interface ModelSource {

    /** Loads the model; called with the GIL held, once per load. */
    PyObject load(Py py);

    /**
     * Loads the model reporting progress; sources built from Python callables pass {@code listener}
     * as the keyword argument {@code progress}. By default progress is not reported.
     */
    default PyObject load(Py py, ProgressListener listener) {
        return load(py);
    }

    /** Releases what the model held beyond the object itself (e.g. a module's caches); GIL held. */
    default void unload(Py py) {
    }

    /**
     * A Python callable that returns the model: called with no arguments, or with the keyword
     * argument {@code progress} when the registry is given a {@link ProgressListener}.
     */
    static ModelSource callable(PyObject loader) {
        Objects.requireNonNull(loader, "loader");
        return new ModelSource() {
            @Override
            public PyObject load(Py py) {
                return loader.call();
            }

            @Override
            public PyObject load(Py py, ProgressListener listener) {
                try (PyObject progress = listener.toPython(py)) {
                    return loader.callKw(java.util.Map.of("progress", progress));
                }
            }
        };
    }

    /**
     * A module's hooks, as in the seed: {@code module.load()} returns the model (or loads into
     * module globals and returns None: the module itself is then the model) and {@code module.unload()}
     * drops it. With a {@link ProgressListener}, {@code load} gets it as the keyword {@code progress}.
     */
    static ModelSource moduleHooks(String module, String load, String unload) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(unload, "unload");
        return new ModuleHooks(module, load, unload);
    }
}
