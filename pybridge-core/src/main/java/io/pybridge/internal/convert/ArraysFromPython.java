package io.pybridge.internal.convert;

import io.pybridge.internal.capi.BufferInfo;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyBufferStruct;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.numpy.DType;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Python values to Java arrays. An array of primitives ({@code float[]}, {@code double[][]}) is copied
 * straight out of a buffer (numpy array, {@code array.array}, {@code memoryview}) when the value has
 * one, with as many dimensions as the Java type and an element type that converts without loss; any
 * other sequence (a list of floats, a list of lists) is converted element by element, as are arrays of
 * other types ({@code String[]}, records).
 */
final class ArraysFromPython {

    private ArraysFromPython() {
    }

    static Object convert(ThreadContext ctx, long object, Class<?> arrayType, ContainerStack stack) {
        if (BufferCopies.leaf(arrayType).isPrimitive() && CPython.PyObject_CheckBuffer(object) != 0) {
            return fromBuffer(ctx, object, arrayType);
        }
        if (PythonToJava.isString(object)) {
            throw PythonToJava.mismatch(ctx, object, "a sequence or buffer for " + arrayType.getSimpleName());
        }
        Class<?> component = arrayType.componentType();
        List<Object> items = PythonToJava.collection(ctx, object, component, new ArrayList<>(), stack);
        Object array = Array.newInstance(component, items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, items.get(i));
        }
        return array;
    }

    private static Object fromBuffer(ThreadContext ctx, long object, Class<?> arrayType) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long view = PyBufferStruct.allocate(scratch);
            if (CPython.PyObject_GetBuffer(object, view, PyBufferStruct.RECORDS_RO) != 0) {
                throw new ConversionFailure("cannot read the buffer of " + PythonNames.typeNameOf(ctx, object) + ": "
                        + PythonErrors.fetch(ctx).getMessage());
            }
            try {
                BufferInfo info = PyBufferStruct.read(view);
                DType dtype = BufferFormats.dtypeOf(info.format(), info.itemSize());
                return LargeCopies.call(ctx, info.length(), () -> BufferCopies.toJavaArray(info, dtype, arrayType));
            } finally {
                CPython.PyBuffer_Release(view);
            }
        } finally {
            scratch.release(mark);
        }
    }
}
