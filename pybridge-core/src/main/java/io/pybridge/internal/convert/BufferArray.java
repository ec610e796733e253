package io.pybridge.internal.convert;

import io.pybridge.internal.capi.BufferInfo;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeViews;
import io.pybridge.internal.capi.PyBufferStruct;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.numpy.DType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/**
 * What an {@link io.pybridge.numpy.NDArray} is inside: an exported buffer of a Python object
 * ({@link BufferExport}: the exporter cannot move or free the data while it is held), plus the buffer's
 * description copied into Java. Copies and segments read the data in place, without the
 * GIL.
 *
 * <p>The export is released once nothing can read the data any more: the NDArray itself until
 * {@link #close()}, the segment of {@link #segment()} until its confined arena is closed (by
 * {@code close()} on the thread that owns it), and each segment of {@link #segment(Arena)} until the
 * caller's arena is closed. Each of them holds the export; the last to let go releases it. What is
 * never let go explicitly is released by the garbage collector once it is unreachable.
 */
public final class BufferArray {
    private final BufferExport export;
    private final BufferInfo info;
    private final DType dtype;
    /** The lowest byte any element starts at, relative to the first element (negative strides reach back). */
    private final long lowestOffset;
    /** The bytes from the lowest to the end of the highest element. */
    private final long span;
    private Arena confined;
    private MemorySegment segment;
    private int holds = 1;
    private volatile boolean closed;

    private BufferArray(BufferExport export, BufferInfo info, DType dtype) {
        this.export = export;
        this.info = info;
        this.dtype = dtype;
        this.lowestOffset = lowestOffset(info);
        this.span = span(info, lowestOffset);
    }

    /**
     * Exports the buffer of {@code object} (borrowed). The caller holds the GIL.
     *
     * @throws ConversionFailure when it has no buffer, or one of an element type {@link DType} lacks
     */
    static BufferArray export(ThreadContext ctx, long object) {
        BufferExport export = BufferExport.of(ctx, object, PyBufferStruct.RECORDS_RO);
        if (export == null) {
            if (CPython.PyObject_CheckBuffer(object) == 0) {
                CPython.PyErr_Clear();
                throw PythonToJava.mismatch(ctx, object,
                        "an object with the buffer protocol (numpy array, memoryview, array.array, bytes)");
            }
            throw new ConversionFailure("cannot export the buffer: " + PythonErrors.fetch(ctx).getMessage());
        }
        try {
            BufferInfo info = PyBufferStruct.read(export.view());
            return new BufferArray(export, info, BufferFormats.dtypeOf(info.format(), info.itemSize()));
        } catch (RuntimeException e) {
            export.close();
            throw e;
        }
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return info.shape().clone();
    }

    public long[] strides() {
        return info.strides().clone();
    }

    public boolean isReadOnly() {
        return info.readOnly();
    }

    public long size() {
        return info.elementCount();
    }

    private static long lowestOffset(BufferInfo info) {
        if (info.elementCount() == 0) {
            return 0;
        }
        long low = 0;
        for (int i = 0; i < info.ndim(); i++) {
            low += Math.min(0, (info.shape()[i] - 1) * info.strides()[i]);
        }
        return low;
    }

    private static long span(BufferInfo info, long lowestOffset) {
        if (info.elementCount() == 0) {
            return 0;
        }
        long high = info.itemSize();
        for (int i = 0; i < info.ndim(); i++) {
            high += Math.max(0, (info.shape()[i] - 1) * info.strides()[i]);
        }
        return high - lowestOffset;
    }

    /**
     * A read-only view of every element's bytes in a confined arena of the calling thread, ending at
     * {@link #close()}. The same segment is returned on every call from that thread; other threads get
     * an exception pointing them to {@link #segment(Arena)}.
     */
    public synchronized MemorySegment segment() {
        checkOpen();
        if (segment == null) {
            Arena arena = Arena.ofConfined();
            segment = view(arena);
            confined = arena;
            holds++;
        } else if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalStateException("segment() belongs to the thread that first asked for it; from "
                    + Thread.currentThread().getName() + " use segment(arena) with an arena this thread may read");
        }
        return segment;
    }

    /**
     * A read-only view of every element's bytes in {@code arena}: it stays valid, and the data stays
     * pinned, until that arena is closed, even after {@link #close()}.
     */
    public synchronized MemorySegment segment(Arena arena) {
        checkOpen();
        MemorySegment view = view(arena);
        holds++;
        return view;
    }

    private MemorySegment view(Arena arena) {
        return NativeViews.readOnly(info.address() + lowestOffset, span, arena, this::releaseHold);
    }

    /** Where in {@link #segment()} the element at {@code index} starts. */
    public long byteOffset(long... index) {
        if (index.length != info.ndim()) {
            throw new IllegalArgumentException("an index of this array has " + info.ndim() + " components, not "
                    + index.length);
        }
        long offset = -lowestOffset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= info.shape()[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is outside axis " + i + " of shape "
                        + BufferCopies.shapeText(info.shape()));
            }
            offset += index[i] * info.strides()[i];
        }
        return offset;
    }

    /** All elements in C order as a {@code component[]}, when they convert without loss. */
    public synchronized Object toArray(Class<?> component) {
        checkOpen();
        try {
            return BufferCopies.toFlatArray(info, dtype, component);
        } catch (ConversionFailure failure) {
            throw failure.toException("NDArray");
        }
    }

    /** All elements in C order into the start of {@code target}, a primitive array, when they convert without loss. */
    public synchronized void copyInto(Object target) {
        checkOpen();
        try {
            if (target instanceof byte[] bytes) {
                BufferCopies.intoBytes(info, bytes);
            } else {
                BufferCopies.intoFlatArray(info, dtype, target);
            }
        } catch (ConversionFailure failure) {
            throw failure.toException("NDArray");
        }
    }

    /** The raw bytes of all elements in C order. */
    public synchronized byte[] toBytes() {
        checkOpen();
        try {
            return BufferCopies.toBytes(info);
        } catch (ConversionFailure failure) {
            throw failure.toException("NDArray");
        }
    }

    /** A new reference to the Python object whose buffer this is. The caller holds the GIL. */
    long newReferenceToSource() {
        checkOpen();
        long pointer = PyBufferStruct.exporter(export.view());
        CPython.Py_IncRef(pointer);
        Reference.reachabilityFence(export);
        return pointer;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends this NDArray: copies refuse from now on, the segment of {@link #segment()} stops working
     * (when called on the thread that owns it; otherwise it keeps the data pinned until it is
     * unreachable), and the export is released unless segments of other arenas still hold it.
     */
    public void close() {
        boolean last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (confined != null && segment.isAccessibleBy(Thread.currentThread())) {
                confined.close(); // its clean-up gives back the segment's hold (this lock is reentrant)
            }
            last = --holds == 0;
        }
        if (last) {
            export.close();
        }
    }

    private void releaseHold() {
        synchronized (this) {
            if (--holds > 0) {
                return;
            }
        }
        export.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this NDArray was closed");
        }
    }

    @Override
    public String toString() {
        return "NDArray[" + dtype.numpyName() + " " + BufferCopies.shapeText(info.shape())
                + (info.isCContiguous() ? "" : ", strided") + (closed ? ", closed]" : "]");
    }
}
