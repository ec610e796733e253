package io.pybridge.ml;

import io.pybridge.Py;
import io.pybridge.PyObject;

import java.util.List;
import java.util.function.Consumer;

/**
 * Receives progress from Python: a loader or a long call that takes a {@code progress(done, total,
 * message)} callable reports through it. Called on whichever thread Python reports from, with the
 * GIL held: keep it short and never wait on other Python work inside it.
 */
@FunctionalInterface
public interface ProgressListener {

    void progress(long done, long total, String message);

    /**
     * This listener as the Python callable {@code progress(done, total, message='')}, to pass as an
     * argument or keyword argument. The callable keeps the listener alive until Python drops it.
     */
    default PyObject toPython(Py py) {
        Consumer<List<Object>> report = values -> progress(((Number) values.get(0)).longValue(),
                ((Number) values.get(1)).longValue(), String.valueOf(values.get(2)));
        try (PyObject adapter = py.eval("lambda report: (lambda done, total, message='': report([done, total, message]))")) {
            return adapter.call(report);
        }
    }
}
