package io.pybridge.internal.runtime;


import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyStrings;

import java.util.List;

/**
 * One raised Python exception as its Java exception keeps it: an owned reference to the exception object,
 * what its traceback said ({@link CapturedTraceback}: the frames themselves are let go, see
 * {@link PythonErrors#fetch}), and the traceback text and Python frames once they have been read. Holds
 * no reference to the Java exception, so that {@link UnreadTracebacks} can list it without keeping that
 * alive; it is the clean-up action run when the Java exception is unreachable, which drops the Python
 * references.
 */
final class KeptTraceback implements Runnable {
    private volatile long exception;
    private final CapturedTraceback captured;
    private final List<KeptTraceback> chain;
    private volatile boolean detached;
    private volatile String text;
    private volatile StackTraceElement[] frames;

    // Links in UnreadTracebacks' list, newest first; guarded by that list's lock.
    KeptTraceback newer;
    KeptTraceback older;
    boolean listed;

    /**
     * @param chain the kept tracebacks of every exception of the cause chain this one belongs to, itself
     *              included: the text of one shows the others' tracebacks
     */
    KeptTraceback(long exceptionReference, CapturedTraceback captured, List<KeptTraceback> chain) {
        this.exception = exceptionReference;
        this.captured = captured;
        this.chain = chain;
    }

    /**
     * Takes the traceback off the exception ({@code __traceback__} becomes None), letting its frames go;
     * the text is formatted from what was captured from then on. The caller holds the GIL.
     */
    void detach() {
        CPython.PyException_SetTraceback(exception, PyConstants.NONE);
        detached = true;
    }

    /** The exception object (borrowed), or 0 once released. The caller holds the GIL. */
    long exception() {
        return exception;
    }

    /** The formatted traceback, or null when it has not been read. */
    String text() {
        return text;
    }

    /** The Python frames, innermost first, or null when they have not been read. */
    StackTraceElement[] frames() {
        return frames;
    }

    boolean fullyRead() {
        return text != null && frames != null;
    }

    /** Reads the text now unless it was read: {@code traceback.format_exception}. The caller holds the GIL. */
    void readText(ThreadContext ctx) {
        if (text == null) {
            String formatted;
            try {
                formatted = format(ctx);
            } catch (RuntimeException e) {
                formatted = "<the traceback could not be formatted: " + e.getMessage() + ">";
            }
            text = formatted;
        }
    }

    /** Reads the frames now unless they were read. The caller holds the GIL. */
    void readFrames(ThreadContext ctx) {
        if (frames == null) {
            StackTraceElement[] read;
            try {
                read = exception == 0 ? new StackTraceElement[0] : captured.frames(ctx);
            } catch (RuntimeException e) {
                read = new StackTraceElement[0];
            }
            frames = read;
        }
    }

    /**
     * {@code traceback.format_exception} of the exception, through {@code _pybridge.DetachedTracebacks},
     * which puts back, for the traceback module, the tracebacks taken off the exceptions of the chain.
     */
    private String format(ThreadContext ctx) {
        long object = exception;
        if (object == 0) {
            return "";
        }
        long formatter = RawCalls.call(ctx, BridgeModule.detachedTracebacksType(ctx));
        try {
            long add = RawCalls.attribute(ctx, formatter, "add");
            try {
                for (KeptTraceback member : chain) {
                    long memberObject = member.exception;
                    if (member.detached && memberObject != 0) {
                        member.captured.describeTo(ctx, add, memberObject);
                    }
                }
            } finally {
                CPython.Py_DecRef(add);
            }
            long function = RawCalls.attribute(ctx, formatter, "format");
            long text;
            try {
                text = RawCalls.call(ctx, function, object);
            } finally {
                CPython.Py_DecRef(function);
            }
            try {
                String read = PyStrings.read(ctx.scratch(), text);
                if (read == null) {
                    throw PythonErrors.fetch(ctx);
                }
                return read;
            } finally {
                CPython.Py_DecRef(text);
            }
        } finally {
            CPython.Py_DecRef(formatter);
        }
    }

    /** The Java exception is unreachable: forget it and drop the Python reference. */
    @Override
    public void run() {
        UnreadTracebacks.read(this);
        long object = exception;
        exception = 0;
        if (object != 0) {
            Interpreter.release(object);
            captured.release();
        }
    }
}
