package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Why the bridge stops Python code that is running, and the Python exception it raises there to do it.
 *
 * <p>Both exceptions derive from {@code BaseException}, not {@code Exception}, so that the usual
 * {@code except Exception:} in user code does not swallow them (asyncio's {@code CancelledError} and
 * {@code KeyboardInterrupt} are built the same way).
 */
public enum StopReason {
    CANCELLED("pybridge.CallCancelled",
            "Raised inside Python code whose call was cancelled from Java: Future.cancel, orTimeout, or the future "
                    + "completed by other means while the code still ran."),
    CLOSING("pybridge.InterpreterClosing",
            "Raised inside Python code still running when Python.close() stopped waiting for it.");

    private static final AtomicLongArray MAIN_TYPES = new AtomicLongArray(values().length);

    private final String qualifiedName;
    private final String doc;

    StopReason(String qualifiedName, String doc) {
        this.qualifiedName = qualifiedName;
        this.doc = doc;
    }

    /** The Python type's name as errors report it, e.g. {@code pybridge.CallCancelled}. */
    public String pythonName() {
        return qualifiedName;
    }

    /**
     * The exception type in the main interpreter, created on first use and kept for the interpreter's
     * life (a borrowed pointer). The caller holds the main interpreter's GIL.
     */
    public long mainInterpreterType(ThreadContext ctx) {
        long type = MAIN_TYPES.get(ordinal());
        if (type != 0) {
            return type;
        }
        long created = newType(ctx);
        if (!MAIN_TYPES.compareAndSet(ordinal(), 0, created)) {
            CPython.Py_DecRef(created);
        }
        return MAIN_TYPES.get(ordinal());
    }

    /**
     * A new exception type in the interpreter the calling thread is attached to (each sub-interpreter
     * needs its own): a new reference.
     */
    public long newType(ThreadContext ctx) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long type = CPython.PyErr_NewExceptionWithDoc(scratch.cString(qualifiedName), scratch.cString(doc),
                    PyConstants.EXC_BASE_EXCEPTION, 0);
            if (type == 0) {
                CPython.PyErr_Clear();
                throw new IllegalStateException("cannot create the Python exception type " + qualifiedName);
            }
            return type;
        } finally {
            scratch.release(mark);
        }
    }
}
