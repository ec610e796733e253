package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;

/**
 * Whether a GIL serialises Python code in this interpreter. A free-threaded build ({@code Py_GIL_DISABLED},
 * 3.13t+) runs without one unless it was turned back on ({@code PYTHON_GIL=1}, or an extension module
 * that does not declare free-threading support was imported), so the answer can change while the
 * interpreter runs: {@link #now()} asks each time.
 *
 * <p>Nothing in the bridge depends on the answer for correctness: its own shared state is guarded by
 * Java's locks and atomics, never by the GIL. It is reported for diagnostics and tests.
 */
public enum GilMode {
    /** A regular build: one GIL. */
    GIL,
    /** A free-threaded build running without the GIL. */
    FREE_THREADED,
    /** A free-threaded build whose GIL was turned back on. */
    FREE_THREADED_GIL_ENABLED;

    private static final String QUERY = "(__import__('sysconfig').get_config_var('Py_GIL_DISABLED') or 0, "
            + "getattr(__import__('sys'), '_is_gil_enabled', lambda: True)())";

    /** The mode of the running interpreter, asked now. */
    public static GilMode now() {
        return GilScope.call(ctx -> {
            long answer = PythonCode.run(ctx, QUERY, PyConstants.EVAL_INPUT, "<pybridge gil mode>");
            try {
                boolean freeThreadedBuild = CPython.PyObject_IsTrue(CPython.PyTuple_GetItem(answer, 0)) == 1;
                boolean gilEnabled = CPython.PyObject_IsTrue(CPython.PyTuple_GetItem(answer, 1)) == 1;
                return !freeThreadedBuild ? GIL : gilEnabled ? FREE_THREADED_GIL_ENABLED : FREE_THREADED;
            } finally {
                CPython.Py_DecRef(answer);
            }
        });
    }

    /** Whether Python code on different threads can run at the same time now. */
    public boolean parallel() {
        return this == FREE_THREADED;
    }
}
