package io.pybridge.internal.convert;

import io.pybridge.internal.capi.VersionShims;
import io.pybridge.internal.api.ApiErrors;
import io.pybridge.internal.api.RaisedTraceback;

import io.pybridge.internal.runtime.BridgeModule;
import io.pybridge.internal.runtime.JavaHandles;
import io.pybridge.internal.runtime.RawCalls;
import io.pybridge.internal.runtime.ThreadContext;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.convert.JavaToPython;

/**
 * Java exceptions crossing into Python and back. A Java exception thrown by Java code that Python
 * called becomes a Python {@code _pybridge.JavaException} that carries the Java throwable; if Python
 * lets it propagate, the Java exception that comes out has the original throwable as its cause. A
 * {@link PythonException} thrown there (Java code called Python, which raised) is raised again as the
 * Python exception it came from, so Python code can catch its own exception types through Java.
 */
public final class JavaThrowables {

    private JavaThrowables() {
    }

    /**
     * Sets the Python error indicator for {@code thrown}. Never throws: this runs in an upcall, where
     * an escaping Java exception would end the JVM. The caller holds the GIL.
     */
    public static void raise(ThreadContext ctx, Throwable thrown) {
        try {
            if (reraise(ctx, thrown)) {
                return;
            }
            if (thrown instanceof StackOverflowError) {
                raiseRecursionError(ctx, "Java code called from Python ran out of stack (StackOverflowError)");
                return;
            }
            raiseJavaException(ctx, thrown);
        } catch (Throwable failure) {
            raiseFallback(ctx, thrown);
        }
    }

    /** Sets a {@code TypeError}, for arguments Python passed that do not fit. Never throws. */
    public static void raiseTypeError(ThreadContext ctx, String message) {
        raiseBuiltin(ctx, PyConstants.EXC_TYPE_ERROR, message);
    }

    /** Sets a {@code RecursionError}, for recursion through Java that would exhaust the stack. Never throws. */
    public static void raiseRecursionError(ThreadContext ctx, String message) {
        raiseBuiltin(ctx, PyConstants.EXC_RECURSION_ERROR, message);
    }

    private static void raiseBuiltin(ThreadContext ctx, long type, String message) {
        try {
            raise(ctx, type, message);
        } catch (Throwable failure) {
            raiseFallback(ctx, failure);
        }
    }

    /**
     * Sets {@code type(message)} as the error. The message goes in as a str, not as a C string: it may
     * quote Python or Java values, NUL characters and lone surrogates included.
     */
    private static void raise(ThreadContext ctx, long type, String message) {
        long text = JavaToPython.string(ctx, message);
        CPython.PyErr_SetObject(type, text);
        CPython.Py_DecRef(text);
    }

    /** Raises again the Python exception a bridge exception stands for; false when there is none. */
    private static boolean reraise(ThreadContext ctx, Throwable thrown) {
        RaisedTraceback raised = ApiErrors.raisedBy(thrown);
        long value = raised == null ? 0 : raised.exceptionReference();
        if (value == 0) {
            return false;
        }
        VersionShims.setRaisedException(value);
        return true;
    }

    private static void raiseJavaException(ThreadContext ctx, Throwable thrown) {
        long type = BridgeModule.javaExceptionType(ctx);
        long message = JavaToPython.convert(ctx, String.valueOf(thrown), "message");
        long javaClass = 0;
        long capsule = 0;
        try {
            javaClass = JavaToPython.convert(ctx, thrown.getClass().getName(), "class name");
            capsule = JavaHandles.capsule(ctx, thrown);
            long exception = RawCalls.call(ctx, type, message, javaClass, capsule);
            CPython.PyErr_SetObject(type, exception);
            CPython.Py_DecRef(exception);
        } finally {
            CPython.Py_DecRef(message);
            if (javaClass != 0) {
                CPython.Py_DecRef(javaClass);
            }
            if (capsule != 0) {
                CPython.Py_DecRef(capsule);
            }
        }
    }

    private static void raiseFallback(ThreadContext ctx, Throwable thrown) {
        try {
            raise(ctx, PyConstants.EXC_RUNTIME_ERROR, "Java code failed: " + thrown);
        } catch (Throwable ignored) {
            // Out of options: Python will report that the call failed without setting an exception.
        }
    }

}
