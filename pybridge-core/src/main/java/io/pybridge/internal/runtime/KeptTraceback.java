package io.pybridge.internal.runtime;


import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyStrings;

import java.util.List;

/**
 * One raised Python exception as its Java exception keeps it: a reference to the exception object, what
 * its traceback said ({@link CapturedTraceback}: the frames themselves are let go, see
 * {@link PythonErrors#fetch}), and the traceback text and Python frames once they have been read. Its
 * {@link ExceptionBatch} holds it, for close to read, and drops the Python references once no Java
 * exception of the batch is reachable.
 */
final class KeptTraceback {
    private final long exception;
    private final CapturedTraceback captured;
    private final List<KeptTraceback> chain;
    private volatile boolean detached;
    private volatile String text;
    private volatile StackTraceElement[] frames;

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

    /** Hands the Python references, the exception's and the captured traceback's, to its batch's clean-up. */
    void handReferencesTo(ExceptionBatch.Drop drop) {
        drop.add(exception);
        captured.handReferencesTo(drop);
    }

    /** The exception object, borrowed from the batch. The caller holds the GIL. */
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
                read = captured.frames(ctx);
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
        long formatter = RawCalls.call(ctx, BridgeModule.detachedTracebacksType(ctx));
        try {
            long add = RawCalls.attribute(ctx, formatter, "add");
            try {
                for (KeptTraceback member : chain) {
                    if (member.detached) {
                        member.captured.describeTo(ctx, add, member.exception);
                    }
                }
            } finally {
                CPython.Py_DecRef(add);
            }
            long function = RawCalls.attribute(ctx, formatter, "format");
            long text;
            try {
                text = RawCalls.call(ctx, function, exception);
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
}
