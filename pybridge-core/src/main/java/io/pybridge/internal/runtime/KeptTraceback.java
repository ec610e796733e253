package io.pybridge.internal.runtime;


import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyStrings;
import io.pybridge.internal.capi.VersionShims;
import io.pybridge.internal.capi.NativeScratch;


/**
 * One raised Python exception as its Java exception keeps it: an owned reference to the exception object,
 * and its traceback text and Python frames once they have been read. Holds no reference to the Java
 * exception, so that {@link UnreadTracebacks} can list it without keeping that alive; it is the
 * clean-up action run when the Java exception is unreachable, which drops the Python reference.
 */
final class KeptTraceback implements Runnable {
    private volatile long exception;
    private volatile String text;
    private volatile StackTraceElement[] frames;

    // Links in UnreadTracebacks' list, newest first; guarded by that list's lock.
    KeptTraceback newer;
    KeptTraceback older;
    boolean listed;

    KeptTraceback(long exceptionReference) {
        this.exception = exceptionReference;
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
                long object = exception;
                read = object == 0 ? new StackTraceElement[0] : PythonFrames.of(ctx, object);
            } catch (RuntimeException e) {
                read = new StackTraceElement[0];
            }
            frames = read;
        }
    }

    private String format(ThreadContext ctx) {
        long object = exception;
        if (object == 0) {
            return "";
        }
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long module = CPython.PyImport_ImportModule(scratch.cString("traceback"));
        scratch.release(mark);
        if (module == 0) {
            throw PythonErrors.fetch(ctx);
        }
        long lines = 0;
        try {
            long function = RawCalls.attribute(ctx, module, "format_exception");
            try {
                lines = RawCalls.call(ctx, function, object);
            } finally {
                CPython.Py_DecRef(function);
            }
            StringBuilder text = new StringBuilder();
            for (long i = 0, item; (item = VersionShims.listItem(lines, i)) != 0; i++) {
                try {
                    String line = PyStrings.read(scratch, item);
                    if (line == null) {
                        throw PythonErrors.fetch(ctx);
                    }
                    text.append(line);
                } finally {
                    CPython.Py_DecRef(item);
                }
            }
            return text.toString();
        } finally {
            if (lines != 0) {
                CPython.Py_DecRef(lines);
            }
            CPython.Py_DecRef(module);
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
        }
    }
}
