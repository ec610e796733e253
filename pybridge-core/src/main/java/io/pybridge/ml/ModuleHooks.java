package io.pybridge.ml;

import io.pybridge.Py;
import io.pybridge.PyObject;

/** A model loaded and unloaded by two functions of a module (the seed's load_all_models / unload_all_models). */
record ModuleHooks(String module, String load, String unload) implements ModelSource {

    @Override
    public PyObject load(Py py) {
        try (PyObject mod = py.importModule(module); PyObject none = py.eval("None")) {
            PyObject result = mod.callMethod(load);
            if (result.equals(none)) {
                result.close();
                return py.importModule(module);
            }
            return result;
        }
    }

    @Override
    public void unload(Py py) {
        try (PyObject mod = py.importModule(module)) {
            mod.callMethod(unload).close();
        }
    }
}
