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
        ArgumentKinds kinds = new ArgumentKinds();
        int converted = 0;
        long kwNames = 0;
        try {
            for (; converted < positional.length; converted++) {
                NativeScratch.putWord(vector, converted, kinds.convert(ctx, positional[converted], converted));
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
            release(vector, 0, converted, kinds);
            if (kwNames != 0) {
                CPython.Py_DecRef(kwNames);
            }
            scratch.release(mark);
        }
    }

    /**
     * Drops the converted arguments but the shared ones; those the bridge made from Java scalars go
     * through the cheaper leaf drop, since releasing them cannot run Python code.
     */
    private static void release(long vector, int first, int converted, ArgumentKinds kinds) {
        for (int i = 0; i < converted; i++) {
            if (kinds.isShared(i)) {
                continue;
            }
            long argument = NativeScratch.getWord(vector, first + i);
            if (kinds.isLeaf(i)) {
                ObjectTypes.dropLeaf(argument);
            } else {
                CPython.Py_DecRef(argument);
            }
        }
    }

    /**
     * The positional arguments' kinds, decided once as each is converted (the caller's array may change
     * while Python runs): among the first 64, those that share an object, borrowed for the call (None,
     * True, False, a small int: {@link JavaToPython#sharedArgument}), and those the bridge made from a Java
     * scalar (dropped as leaves); any other argument is a new reference that {@code Py_DecRef} drops.
     */
    private static final class ArgumentKinds {
        private long shared;
        private long leaves;

        /** {@code value} as the argument at {@code index}: a shared object, or a new reference. */
        long convert(ThreadContext ctx, Object value, int index) {
            if (index < Long.SIZE) {
                long object = JavaToPython.sharedArgument(value);
                if (object != 0) {
                    shared |= 1L << index;
                    return object;
                }
                if (JavaToPython.isScalar(value)) {
                    leaves |= 1L << index;
                }
            }
            return JavaToPython.convertArgument(ctx, value, index);
        }

        boolean isShared(int index) {
            return index < Long.SIZE && (shared & 1L << index) != 0;
        }

        boolean isLeaf(int index) {
            return index < Long.SIZE && (leaves & 1L << index) != 0;
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
        ArgumentKinds kinds = new ArgumentKinds();
        int converted = 0;
        try {
            for (; converted < positional.length; converted++) {
                NativeScratch.putWord(vector, converted + 1, kinds.convert(ctx, positional[converted], converted));
            }
            long result = CPython.PyObject_VectorcallMethod(PythonNames.of(ctx, name, "method name"), vector,
                    (positional.length + 1) | ARGUMENTS_OFFSET, 0);
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return result;
        } finally {
            release(vector, 1, converted, kinds);
            scratch.release(mark);
        }
    }
}
