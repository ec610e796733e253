package io.pybridge.internal.convert;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyBufferStruct;
import io.pybridge.internal.capi.StridedCopy;
import io.pybridge.internal.convert.PythonCalls;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.numpy.DType;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Java primitive arrays ({@code float[]}, {@code int[][]}, ...; not {@code byte[]}, which is
 * {@code bytes}) to numpy arrays of the matching dtype, copied in one pass into the new array's memory.
 * Without numpy the same bytes go into a {@code bytearray} seen through a {@code memoryview} of that
 * format and shape, which Python code can index, slice, {@code tolist()} or hand to any buffer consumer.
 */
final class ArraysToPython {

    private ArraysToPython() {
    }

    /** Whether {@code value} is an array this class converts: primitive elements other than bytes. */
    static boolean handles(Object value) {
        Class<?> type = value.getClass();
        if (!type.isArray()) {
            return false;
        }
        Class<?> leaf = BufferCopies.leaf(type);
        return leaf.isPrimitive() && leaf != byte.class;
    }

    static long convert(ThreadContext ctx, Object array) {
        Class<?> leaf = BufferCopies.leaf(array.getClass());
        DType dtype = LosslessCopies.dtypeFor(leaf);
        int[] shape = new int[BufferCopies.dimensions(array.getClass())];
        Arrays.fill(shape, -1);
        measure(array, 0, shape);
        long count = 1;
        for (int extent : shape) {
            count *= extent;
        }
        NumpyModule numpy = NumpyModule.find(ctx);
        long target = numpy != null ? numpyArray(ctx, numpy, shape, dtype)
                : checked(ctx, CPython.PyByteArray_FromStringAndSize(0, count * dtype.itemSize()));
        try {
            fill(ctx, target, array, dtype, count * dtype.itemSize());
            if (numpy != null) {
                return target;
            }
            long view = memoryview(ctx, target, shape, dtype);
            CPython.Py_DecRef(target);
            return view;
        } catch (RuntimeException e) {
            CPython.Py_DecRef(target);
            throw e;
        }
    }

    /** Records each dimension's extent, failing on a null or ragged row. */
    private static void measure(Object array, int axis, int[] shape) {
        int length = Array.getLength(array);
        if (shape[axis] == -1) {
            shape[axis] = length;
        } else if (shape[axis] != length) {
            throw new ConversionFailure("rows of different lengths (" + length + " here, " + shape[axis]
                    + " in the first row) cannot form an array");
        }
        if (axis == shape.length - 1) {
            return;
        }
        Object[] rows = (Object[]) array;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new ConversionFailure("a null row cannot be part of an array").at("[" + i + "]");
            }
            try {
                measure(rows[i], axis + 1, shape);
            } catch (ConversionFailure f) {
                throw f.at("[" + i + "]");
            }
        }
        if (rows.length == 0) {
            for (int i = axis + 1; i < shape.length; i++) {
                shape[i] = 0;
            }
        }
    }

    private static long numpyArray(ThreadContext ctx, NumpyModule numpy, int[] shape, DType dtype) {
        long tuple = checked(ctx, CPython.PyTuple_New(shape.length));
        try {
            for (int i = 0; i < shape.length; i++) {
                CPython.PyTuple_SetItem(tuple, i, checked(ctx, CPython.PyLong_FromLongLong(shape[i])));
            }
            return numpy.empty(ctx, tuple, dtype);
        } finally {
            CPython.Py_DecRef(tuple);
        }
    }

    private static void fill(ThreadContext ctx, long target, Object array, DType dtype, long bytes) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long view = PyBufferStruct.allocate(scratch);
            if (CPython.PyObject_GetBuffer(target, view, PyBufferStruct.WRITABLE) != 0) {
                throw PythonErrors.fetch(ctx);
            }
            try {
                long address = PyBufferStruct.data(view);
                LargeCopies.run(ctx, bytes, () -> write(array, address, dtype.itemSize()));
            } finally {
                CPython.PyBuffer_Release(view);
            }
        } finally {
            scratch.release(mark);
        }
    }

    /** Writes the rows of {@code array} one after another from {@code address}; returns the next address. */
    private static long write(Object array, long address, int itemSize) {
        if (!(array instanceof Object[] rows)) {
            int length = Array.getLength(array);
            StridedCopy.write(array, 0, length, address);
            return address + (long) length * itemSize;
        }
        long next = address;
        for (Object row : rows) {
            next = write(row, next, itemSize);
        }
        return next;
    }

    /** {@code memoryview(bytes).cast(format, shape)}: the array without numpy. */
    private static long memoryview(ThreadContext ctx, long bytes, int[] shape, DType dtype) {
        long view = checked(ctx, CPython.PyMemoryView_FromObject(bytes));
        try {
            boolean flat = shape.length == 1 || Arrays.stream(shape).anyMatch(extent -> extent == 0);
            Object[] args = flat ? new Object[] {structFormat(dtype)}
                    : new Object[] {structFormat(dtype), Arrays.stream(shape).boxed().toList()};
            return PythonCalls.callMethod(ctx, view, "cast", args);
        } finally {
            CPython.Py_DecRef(view);
        }
    }

    private static String structFormat(DType dtype) {
        return switch (dtype) {
            case BOOL -> "?";
            case INT8 -> "b";
            case INT16 -> "h";
            case UINT16 -> "H";
            case INT32 -> "i";
            case INT64 -> "q";
            case FLOAT32 -> "f";
            case FLOAT64 -> "d";
            default -> throw new IllegalArgumentException("no Java array has elements of " + dtype);
        };
    }

    private static long checked(ThreadContext ctx, long result) {
        if (result == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return result;
    }
}
