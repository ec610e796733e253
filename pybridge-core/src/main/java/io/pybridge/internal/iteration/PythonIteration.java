package io.pybridge.internal.iteration;

import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.api.ApiErrors;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.convert.PythonToJava;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Python iterables read from Java one step at a time: {@code iter()} once, then {@code PyIter_Next}
 * for each item (or each batch of items) with the GIL taken for that step only, so other threads run
 * Python between steps and the iterator may be read on any thread.
 */
public final class PythonIteration {

    /** What one step did: whether the iterator ended, and the failure it ended the step with, if any. */
    public record Step(boolean exhausted, RuntimeException failure) {
    }

    private PythonIteration() {
    }

    /**
     * {@code iter(iterable)}: the iterator to read with {@link #step}. Takes the GIL when needed.
     *
     * @throws RuntimeException the Python exception {@code iter()} raised ({@code TypeError} for a non-iterable)
     */
    public static PyRef iterate(PyRef iterable) {
        return GilScope.call(ctx -> {
            long self = iterable.beginUse();
            try {
                return iterate(ctx, self);
            } finally {
                iterable.endUse();
            }
        });
    }

    /** {@link #iterate(PyRef)} for a borrowed pointer; the caller holds the GIL. */
    public static PyRef iterate(ThreadContext ctx, long iterable) {
        long iterator = CPython.PyObject_GetIter(iterable);
        if (iterator == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return PyRef.adopt(ctx, iterator);
    }

    /**
     * Advances {@code iterator} (a result of {@code iter()}) by up to {@code max} items, adding each,
     * converted to {@code type}, to {@code out}. A Python exception or a conversion failure ends the step
     * with the items before it kept; {@code firstIndex} numbers the items in conversion messages.
     */
    public static Step step(PyRef iterator, Type type, int max, List<Object> out, long firstIndex) {
        return GilScope.call(ctx -> {
            long self = iterator.beginUse();
            try {
                for (int i = 0; i < max; i++) {
                    long item = CPython.PyIter_Next(self);
                    if (item == 0) {
                        return CPython.PyErr_Occurred() != 0 ? new Step(false, PythonErrors.fetch(ctx)) : new Step(true, null);
                    }
                    try {
                        out.add(PythonToJava.convert(ctx, item, type));
                    } catch (RuntimeException e) {
                        if (ApiErrors.conversionPath(e) == null) {
                            throw e;
                        }
                        return new Step(false, ApiErrors.conversion("item " + (firstIndex + i), e.getMessage(), e));
                    } finally {
                        CPython.Py_DecRef(item);
                    }
                }
                return new Step(false, null);
            } finally {
                iterator.endUse();
            }
        });
    }

    /**
     * Ends an iterator that was not read to its end: calls its {@code close()} when it has one (a
     * generator then runs its {@code finally} blocks) and drops it. After {@code Python.close()} the
     * iterator is only dropped: nothing of it can run any more.
     *
     * @throws io.pybridge.PythonException what {@code close()} raised (the reference is dropped anyway)
     */
    public static void close(PyRef iterator) {
        try {
            if (Interpreter.isRunning() && iterator.hasAttr("close")) {
                iterator.callMethod("close").close();
            }
        } finally {
            iterator.close();
        }
    }
}
