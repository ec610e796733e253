package io.pybridge.internal.api;

/**
 * The Python side of a raised exception as its Java exception keeps it: read on demand, since a raised
 * and caught exception should stay cheap (see {@link PythonErrors}).
 */
public interface RaisedTraceback {
    /** The text {@code traceback.format_exception} gives; empty when it cannot be read any more. */
    String format();

    /** The traceback's frames, innermost first; empty when they cannot be read any more. */
    StackTraceElement[] pythonFrames();

    /** A new reference to the exception object, or 0 when it is gone (the interpreter closed). The caller holds the GIL. */
    long exceptionReference();

    /**
     * Whether {@code frame}, one of the first of the Java exception's stack trace, is the bridge turning
     * the Python exception into the Java one ({@link ApiErrors#translationFrames}); none by default.
     */
    default boolean translates(StackTraceElement frame) {
        return false;
    }
}
