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

    /** Releases what the model held beyond the object itself (e.g. a module's caches); GIL held. */
    default void unload(Py py) {
    }

    /** A Python callable taking no arguments that returns the model. */
    static ModelSource callable(PyObject loader) {
        Objects.requireNonNull(loader, "loader");
        return py -> loader.call();
    }

    /**
     * A module's hooks, as in the seed: {@code module.load()} returns the model (or loads into
     * module globals and returns None: the module itself is then the model) and {@code module.unload()}
     * drops it.
     */
    static ModelSource moduleHooks(String module, String load, String unload) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(unload, "unload");
        return new ModuleHooks(module, load, unload);
    }
}
