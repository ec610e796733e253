package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;

/** Vectorcalls whose arguments are Python objects already (borrowed pointers), not Java values. */
public final class RawCalls {
    private static final long ARGUMENTS_OFFSET = 1L << 63;

    private RawCalls() {
    }

    /** {@code callable(*args)}: a new reference. The caller holds the GIL. */
    public static long call(ThreadContext ctx, long callable, long... args) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long vector = scratch.words(args.length + 1) + 8;
            for (int i = 0; i < args.length; i++) {
                NativeScratch.putWord(vector, i, args[i]);
            }
            long result = CPython.PyObject_Vectorcall(callable, vector, args.length | ARGUMENTS_OFFSET, 0);
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return result;
        } finally {
            scratch.release(mark);
        }
    }

    /** {@code object.name}: a new reference. */
    public static long attribute(ThreadContext ctx, long object, String name) {
        long value = CPython.PyObject_GetAttr(object, PythonNames.of(ctx, name));
        if (value == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return value;
    }
}
