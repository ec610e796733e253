package io.pybridge.internal.convert;

import io.pybridge.internal.capi.BufferInfo;
import io.pybridge.internal.capi.StridedCopy;
import io.pybridge.numpy.DType;

import java.lang.reflect.Array;

/**
 * Copies the elements of an exported buffer into Java arrays, in C (row-major) order whatever the
 * buffer's own order: C-contiguous data is one bulk copy, Fortran-order and strided data are copied row
 * by row. The caller keeps the buffer exported (and so its memory valid) while a copy runs.
 */
final class BufferCopies {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private BufferCopies() {
    }

    /**
     * The buffer as an array of {@code arrayType} ({@code float[]}, {@code double[][]}, ...) with as
     * many dimensions as the buffer.
     */
    static Object toJavaArray(BufferInfo info, DType dtype, Class<?> arrayType) {
        int dims = dimensions(arrayType);
        Class<?> leaf = leaf(arrayType);
        if (dims != info.ndim()) {
            throw new ConversionFailure("expected a " + dims + "-dimensional array for " + arrayType.getSimpleName()
                    + ", got a " + dtype.numpyName() + " array of shape " + shapeText(info.shape()));
        }
        LosslessCopies.check(dtype, leaf, arrayType.getSimpleName());
        int[] shape = javaShape(info.shape());
        if (dims == 1) {
            return flat(info, dtype, leaf, shape[0]);
        }
        Object result = Array.newInstance(leaf, shape);
        fillNested(info, dtype, result, info.address(), 0);
        return result;
    }

    /** All elements, flattened in C order, as a {@code component[]} ({@code float[]}, ...). */
    static Object toFlatArray(BufferInfo info, DType dtype, Class<?> component) {
        LosslessCopies.check(dtype, component, component.getName() + "[]");
        return flat(info, dtype, component, checkedSize(info.elementCount()));
    }

    /**
     * All elements, flattened in C order, into the start of an existing {@code component[]}: no
     * allocation, so the copy itself is all it costs.
     */
    static void intoFlatArray(BufferInfo info, DType dtype, Object target) {
        Class<?> component = target.getClass().componentType();
        LosslessCopies.check(dtype, component, component.getName() + "[]");
        long size = info.elementCount();
        if (Array.getLength(target) < size) {
            throw new IllegalArgumentException("the array has room for " + Array.getLength(target) + " elements; this "
                    + "one has " + size);
        }
        fillFlat(info, dtype, target, (int) size);
    }

    /** The raw bytes of all elements in C order. */
    static byte[] toBytes(BufferInfo info) {
        byte[] out = new byte[checkedSize(Math.multiplyExact(info.elementCount(), info.itemSize()))];
        intoBytes(info, out);
        return out;
    }

    /** The raw bytes of all elements in C order, into the start of {@code out}. */
    static void intoBytes(BufferInfo info, byte[] out) {
        int itemSize = (int) info.itemSize();
        long bytes = Math.multiplyExact(info.elementCount(), info.itemSize());
        if (out.length < bytes) {
            throw new IllegalArgumentException("the array has room for " + out.length + " bytes; this array has " + bytes);
        }
        if (info.isCContiguous() || info.ndim() == 0) {
            StridedCopy.readRowBytes(info.address(), itemSize, (int) (bytes / Math.max(1, itemSize)), itemSize, out, 0);
            return;
        }
        forEachRow(info, (address, stride, count, offset) ->
                StridedCopy.readRowBytes(address, stride, count, itemSize, out, offset * itemSize));
    }

    private static Object flat(BufferInfo info, DType dtype, Class<?> component, int size) {
        Object out = Array.newInstance(component, size);
        fillFlat(info, dtype, out, size);
        return out;
    }

    private static void fillFlat(BufferInfo info, DType dtype, Object out, int size) {
        if (info.ndim() == 0 || info.isCContiguous()) {
            StridedCopy.readRow(info.address(), dtype.itemSize(), size, element(dtype), out, 0);
            return;
        }
        forEachRow(info, (address, stride, count, offset) ->
                StridedCopy.readRow(address, stride, count, element(dtype), out, offset));
    }

    private static void fillNested(BufferInfo info, DType dtype, Object target, long address, int axis) {
        long[] shape = info.shape();
        long[] strides = info.strides();
        if (axis == shape.length - 1) {
            StridedCopy.readRow(address, strides[axis], (int) shape[axis], element(dtype), target, 0);
            return;
        }
        Object[] rows = (Object[]) target;
        for (int i = 0; i < rows.length; i++) {
            fillNested(info, dtype, rows[i], address + i * strides[axis], axis + 1);
        }
    }

    /** One row of the last axis: its first element's address, step, length and flat C-order index. */
    private interface RowAction {
        void copy(long address, long stride, int count, int offset);
    }

    private static void forEachRow(BufferInfo info, RowAction action) {
        long[] shape = info.shape();
        long[] strides = info.strides();
        int last = shape.length - 1;
        int rowLength = (int) shape[last];
        long rows = info.elementCount() / Math.max(1, shape[last]);
        if (shape[last] == 0) {
            return;
        }
        long[] index = new long[last];
        long address = info.address();
        for (long row = 0; row < rows; row++) {
            action.copy(address, strides[last], rowLength, (int) (row * rowLength));
            for (int axis = last - 1; axis >= 0; axis--) {
                if (++index[axis] < shape[axis]) {
                    address += strides[axis];
                    break;
                }
                address -= (index[axis] - 1) * strides[axis];
                index[axis] = 0;
            }
        }
    }

    static int dimensions(Class<?> arrayType) {
        int dims = 0;
        for (Class<?> c = arrayType; c.isArray(); c = c.componentType()) {
            dims++;
        }
        return dims;
    }

    static Class<?> leaf(Class<?> arrayType) {
        Class<?> c = arrayType;
        while (c.isArray()) {
            c = c.componentType();
        }
        return c;
    }

    private static int[] javaShape(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = checkedSize(shape[i]);
        }
        return out;
    }

    private static int checkedSize(long size) {
        if (size > MAX_ARRAY) {
            throw new ConversionFailure(size + " elements do not fit in a Java array (at most " + MAX_ARRAY + ")");
        }
        return (int) size;
    }

    static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(')').toString();
    }

    /** How elements of {@code dtype} are stored, for the element copies. */
    static StridedCopy.Element element(DType dtype) {
        StridedCopy.Element.Kind kind = switch (dtype) {
            case BOOL -> StridedCopy.Element.Kind.BOOL;
            case INT8, INT16, INT32, INT64 -> StridedCopy.Element.Kind.SIGNED;
            case UINT8, UINT16, UINT32, UINT64 -> StridedCopy.Element.Kind.UNSIGNED;
            case FLOAT16, FLOAT32, FLOAT64 -> StridedCopy.Element.Kind.FLOAT;
        };
        return new StridedCopy.Element(dtype.itemSize(), kind);
    }
}
