package io.pybridge.internal.convert;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.RawCalls;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.numpy.DType;

import java.util.concurrent.atomic.AtomicReference;

/**
 * numpy, when the interpreter has it: imported once, with what the array conversions call kept for the
 * life of the interpreter ({@code numpy.empty} and one {@code numpy.dtype} per {@link DType}). When the
 * import fails, that is remembered too, and array copies fall back to {@code memoryview}.
 */
final class NumpyModule {
    private static final AtomicReference<NumpyModule> LOADED = new AtomicReference<>();
    private static volatile String missing;

    private final long empty;
    private final long[] dtypes;

    private NumpyModule(long empty, long[] dtypes) {
        this.empty = empty;
        this.dtypes = dtypes;
    }

    /** numpy, or null when it cannot be imported. The caller holds the GIL. */
    static NumpyModule find(ThreadContext ctx) {
        NumpyModule numpy = LOADED.get();
        if (numpy != null || missing != null) {
            return numpy;
        }
        return load(ctx);
    }

    /**
     * numpy, or an exception saying that {@code what} needs it and how to get it.
     *
     * @throws PythonImportException when numpy cannot be imported
     */
    static NumpyModule require(ThreadContext ctx, String what) {
        NumpyModule numpy = find(ctx);
        if (numpy == null) {
            throw ApiErrors.importFailure(what + " needs numpy, which the embedded Python ("
                    + Interpreter.runtime().executable() + ") cannot import: " + missing
                    + "; install it into that Python (python -m pip install numpy) or use a runtime that has it");
        }
        return numpy;
    }

    /** A new, uninitialized C-ordered array: {@code numpy.empty(shape, dtype)}, a new reference. */
    long empty(ThreadContext ctx, long shapeTuple, DType dtype) {
        return RawCalls.call(ctx, empty, shapeTuple, dtypes[dtype.ordinal()]);
    }

    private static NumpyModule load(ThreadContext ctx) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long module = CPython.PyImport_ImportModule(scratch.cString("numpy"));
        scratch.release(mark);
        if (module == 0) {
            RuntimeException failure = PythonErrors.fetch(ctx);
            String type = ApiErrors.pythonType(failure);
            missing = type != null ? type + ": " + ApiErrors.pythonMessage(failure) : failure.getMessage();
            return null;
        }
        try {
            long empty = RawCalls.attribute(ctx, module, "empty");
            long dtypeType = RawCalls.attribute(ctx, module, "dtype");
            long[] dtypes = new long[DType.values().length];
            try {
                for (DType dtype : DType.values()) {
                    long name = JavaToPython.string(ctx, dtype.numpyName());
                    try {
                        dtypes[dtype.ordinal()] = RawCalls.call(ctx, dtypeType, name);
                    } finally {
                        CPython.Py_DecRef(name);
                    }
                }
            } finally {
                CPython.Py_DecRef(dtypeType);
            }
            NumpyModule loaded = new NumpyModule(empty, dtypes);
            if (!LOADED.compareAndSet(null, loaded)) {
                loaded.release();
            }
            return LOADED.get();
        } finally {
            CPython.Py_DecRef(module);
        }
    }

    private void release() {
        CPython.Py_DecRef(empty);
        for (long dtype : dtypes) {
            CPython.Py_DecRef(dtype);
        }
    }
}
