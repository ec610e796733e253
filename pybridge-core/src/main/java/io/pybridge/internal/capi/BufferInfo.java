package io.pybridge.internal.capi;

/**
 * The description of an exported buffer, copied out of its {@code Py_buffer}: where the data is, how
 * long it is in bytes, the element size and struct-module format, and per dimension the extent and the
 * step in bytes (negative for reversed views).
 */
public record BufferInfo(long address, long length, long itemSize, boolean readOnly, String format,
                         long[] shape, long[] strides, long elementCount) {

    /** The description of a buffer of {@code shape}; its element count is the product of the extents. */
    public BufferInfo(long address, long length, long itemSize, boolean readOnly, String format, long[] shape,
                      long[] strides) {
        this(address, length, itemSize, readOnly, format, shape, strides, product(shape));
    }

    public int ndim() {
        return shape.length;
    }

    /** The number of elements: the product of the shape (1 for a 0-dimensional buffer). */
    private static long product(long[] shape) {
        long count = 1;
        for (long extent : shape) {
            count = Math.multiplyExact(count, extent);
        }
        return count;
    }

    /** Whether the elements lie one after another in C (row-major) order without gaps. */
    public boolean isCContiguous() {
        long expected = itemSize;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 0) {
                return true;
            }
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }
}
