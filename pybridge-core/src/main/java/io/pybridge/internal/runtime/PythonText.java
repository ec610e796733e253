package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.PyStrings;

/** Python strs read and made by the runtime itself: names, messages, the text of tracebacks. */
public final class PythonText {
    private PythonText() {
    }

    /**
     * The text of the str {@code text} (borrowed). The caller holds the GIL.
     *
     * @throws RuntimeException the Python error that kept it from being read
     */
    public static String read(ThreadContext ctx, long text) {
        String value = PyStrings.read(ctx.scratch(), text);
        if (value == null) {
            throw PythonErrors.fetch(ctx);
        }
        return value;
    }

    /** A new str holding {@code text}. The caller holds the GIL. */
    public static long of(ThreadContext ctx, String text) {
        long str = PyStrings.newStr(ctx.scratch(), text);
        if (str == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return str;
    }
}
