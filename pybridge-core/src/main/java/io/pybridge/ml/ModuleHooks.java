package io.pybridge.ml;

import io.pybridge.Py;
import io.pybridge.PyObject;

import java.util.Map;

/** A model loaded and unloaded by two functions of a module (the seed's load_all_models / unload_all_models). */
record ModuleHooks(String module, String load, String unload) implements ModelSource {

    @Override
    public PyObject load(Py py) {
        return load(py, (PyObject) null);
    }

    @Override
    public PyObject load(Py py, ProgressListener listener) {
        try (PyObject progress = listener.toPython(py)) {
            return load(py, progress);
        }
    }

    private PyObject load(Py py, PyObject progress) {
        try (PyObject mod = py.importModule(module); PyObject none = py.eval("None");
             PyObject function = mod.getAttr(load)) {
            PyObject result = progress == null ? function.call() : function.callKw(Map.of("progress", progress));
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
