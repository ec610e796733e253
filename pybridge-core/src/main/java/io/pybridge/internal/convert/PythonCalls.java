package io.pybridge.internal.convert;

import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;

import io.pybridge.internal.runtime.ThreadContext;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.convert.JavaToPython;

import java.util.Map;

/**
 * Calls through vectorcall: arguments are converted into a native vector on the thread's scratch stack
 * (no tuple, no dict), with a free slot in front so the callee may prepend {@code self}
 * ({@code PY_VECTORCALL_ARGUMENTS_OFFSET}). Converted arguments are temporaries, released right after.
 */
public final class PythonCalls {
    private static final long ARGUMENTS_OFFSET = 1L << 63;
    private static final Object[] NO_ARGS = new Object[0];

    private PythonCalls() {
    }

    /**
     * {@code callable(*args, **kwargs)}; returns a new reference. The caller holds the GIL and keeps
     * {@code callable} alive for the whole call (a PyRef's use count), since Python code run by the
     * call may let the GIL go to a thread that closes it.
     */
    public static long call(ThreadContext ctx, long callable, Object[] args, Map<String, ?> kwargs) {
        Object[] positional = args == null ? NO_ARGS : args;
        int kwCount = kwargs == null ? 0 : kwargs.size();
        int total = positional.length + kwCount;
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long vector = scratch.words(total + 1) + 8;
        int converted = 0;
        long kwNames = 0;
        try {
            for (; converted < positional.length; converted++) {
                NativeScratch.putWord(vector, converted,
                        JavaToPython.convertArgument(ctx, positional[converted], converted));
            }
            if (kwCount > 0) {
                kwNames = CPython.PyTuple_New(kwCount);
                if (kwNames == 0) {
                    throw PythonErrors.fetch(ctx);
                }
                int i = 0;
                for (Map.Entry<String, ?> entry : kwargs.entrySet()) {
                    String name = entry.getKey();
                    if (name == null) {
                        throw new IllegalArgumentException("keyword argument names must not be null");
                    }
                    long pyName = PythonNames.of(ctx, name, "keyword argument name");
                    CPython.Py_IncRef(pyName);
                    CPython.PyTuple_SetItem(kwNames, i++, pyName);
                    NativeScratch.putWord(vector, converted,
                            JavaToPython.convert(ctx, entry.getValue(), "keyword argument " + name));
                    converted++;
                }
            }
            long result = CPython.PyObject_Vectorcall(callable, vector, positional.length | ARGUMENTS_OFFSET, kwNames);
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return result;
        } finally {
            release(vector, 0, positional, converted);
            if (kwNames != 0) {
                CPython.Py_DecRef(kwNames);
            }
            scratch.release(mark);
        }
    }

    /**
     * Drops the converted arguments; those the bridge made from Java scalars go through the cheaper
     * leaf drop, since releasing them cannot run Python code.
     */
    private static void release(long vector, int first, Object[] positional, int converted) {
        for (int i = 0; i < converted; i++) {
            long argument = NativeScratch.getWord(vector, first + i);
            if (i < positional.length && JavaToPython.isScalar(positional[i])) {
                ObjectTypes.dropLeaf(argument);
            } else {
                CPython.Py_DecRef(argument);
            }
        }
    }

    /**
     * {@code self.name(*args)} through {@code PyObject_VectorcallMethod}; returns a new reference. The
     * caller keeps {@code self} alive for the whole call, as for {@link #call}.
     */
    public static long callMethod(ThreadContext ctx, long self, String name, Object[] args) {
        Object[] positional = args == null ? NO_ARGS : args;
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long vector = scratch.words(positional.length + 2) + 8;
        NativeScratch.putWord(vector, 0, self);
        int converted = 0;
        try {
            for (; converted < positional.length; converted++) {
                NativeScratch.putWord(vector, converted + 1,
                        JavaToPython.convertArgument(ctx, positional[converted], converted));
            }
            long result = CPython.PyObject_VectorcallMethod(PythonNames.of(ctx, name, "method name"), vector,
                    (positional.length + 1) | ARGUMENTS_OFFSET, 0);
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return result;
        } finally {
            release(vector, 1, positional, converted);
            scratch.release(mark);
        }
    }
}
