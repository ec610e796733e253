package io.pybridge.internal.idioms;

import io.pybridge.PyObject;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.ObjectAccess;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;

/**
 * A Python exception object that was not raised through the bridge (one a task ended with, one a log
 * record carries) as the Java exception the bridge would have thrown for it: type, message, traceback,
 * cause chain, the Java throwable it carries.
 */
public final class RaisedExceptions {

    private RaisedExceptions() {
    }

    /** The Java form of {@code exception}. The caller holds the GIL. */
    public static RuntimeException toJava(ThreadContext ctx, PyObject exception) {
        ObjectAccess access = ObjectAccess.get();
        long value = access.beginUse(exception);
        try {
            CPython.Py_IncRef(value);
            if (CPython.has_PyErr_SetRaisedException()) {
                CPython.PyErr_SetRaisedException(value);
            } else {
                CPython.PyErr_Restore(CPython.PyObject_Type(value), value, CPython.PyException_GetTraceback(value));
            }
            return PythonErrors.fetch(ctx);
        } finally {
            access.endUse(exception);
        }
    }
}
