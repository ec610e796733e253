package io.pybridge.internal.convert;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.BridgeModule;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonHeldMemory;
import io.pybridge.internal.runtime.RawCalls;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.numpy.DType;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * numpy arrays over Java memory ({@code NDArray.wrap}). The array is made through the array interface
 * from a {@code _pybridge.JavaMemory} holder, which numpy keeps as the base of the array and of every
 * view of it; {@link PythonHeldMemory} keeps the segment reachable from Java's side until the holder
 * reports that numpy let go of the last view.
 */
public final class JavaMemoryArrays {

    private JavaMemoryArrays() {
    }

    public static BufferArray wrap(MemorySegment data, DType dtype, long[] shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        long bytes = byteSize(dtype, shape);
        if (data.byteSize() < bytes) {
            throw new IllegalArgumentException("the segment has " + data.byteSize() + " bytes; a " + dtype.numpyName()
                    + " array of shape " + Arrays.toString(shape) + " needs " + bytes);
        }
        SegmentLifetimes.requireHeldByReachability(data);
        long[] dims = shape.clone();
        return GilScope.call(ctx -> {
            NumpyModule.require(ctx, "NDArray.wrap");
            long array = newArray(ctx, data, dtype, dims);
            try {
                return BufferArray.export(ctx, array);
            } catch (ConversionFailure failure) {
                throw failure.toException("NDArray.wrap");
            } finally {
                CPython.Py_DecRef(array);
            }
        });
    }

    private static long byteSize(DType dtype, long[] shape) {
        long count = 1;
        try {
            for (long extent : shape) {
                if (extent < 0) {
                    throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
                }
                count = Math.multiplyExact(count, extent);
            }
            return Math.multiplyExact(count, (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large", e);
        }
    }

    private static long newArray(ThreadContext ctx, MemorySegment data, DType dtype, long[] shape) {
        long[] args = new long[5];
        try {
            args[0] = JavaToPython.convert(ctx, data.address(), "address");
            args[1] = JavaToPython.convert(ctx, data.isReadOnly(), "readonly");
            args[2] = JavaToPython.convert(ctx, dtype.typeString(), "typestr");
            List<Long> extents = new ArrayList<>(shape.length);
            for (long extent : shape) {
                extents.add(extent);
            }
            args[3] = JavaToPython.convert(ctx, extents, "shape");
            args[4] = JavaToPython.convert(ctx, PythonHeldMemory.hold(ctx, data), "memory");
            long wrapMemory = RawCalls.attribute(ctx, BridgeModule.get(ctx), "wrap_memory");
            try {
                return RawCalls.call(ctx, wrapMemory, args);
            } finally {
                CPython.Py_DecRef(wrapMemory);
            }
        } finally {
            for (long arg : args) {
                if (arg != 0) {
                    CPython.Py_DecRef(arg);
                }
            }
        }
    }
}
