package io.pybridge.internal.capi;

/**
 * CPython's {@code Py_buffer}, the struct the buffer protocol fills in. Its layout is part of the stable
 * ABI since 3.11 and the same in free-threaded builds, so PyBridge may allocate and read it itself.
 * Pointers are read as {@code long}s, like everywhere in this package.
 *
 * <p>The offsets are written out, not derived from a {@code MemoryLayout}: building a struct layout and
 * its paths cost the first {@code NDArray.wrap} some 5 ms of class loading and interpreted code, and the
 * layout (11 fields of 8 bytes but for two ints) cannot change. {@code PyBufferStructTest} derives them
 * from the C declaration as a layout.
 */
public final class PyBufferStruct {
    static final long BUF = 0;
    static final long LEN = 16;
    static final long ITEMSIZE = 24;
    static final long READONLY = 32;
    static final long NDIM = 36;
    static final long FORMAT_FIELD = 40;
    static final long SHAPE = 48;
    static final long STRIDES_FIELD = 56;
    /** {@code sizeof(Py_buffer)}. */
    static final long SIZE = 80;

    /** Request flags ({@code PyBUF_*}). */
    public static final int WRITABLE = 0x0001;
    public static final int FORMAT = 0x0004;
    public static final int ND = 0x0008;
    public static final int STRIDES = 0x0010 | ND;
    public static final int C_CONTIGUOUS = 0x0020 | STRIDES;
    /** Shape, strides and format, read-only; refuses exporters that need suboffsets (PIL-style arrays). */
    public static final int RECORDS_RO = STRIDES | FORMAT;

    /** Where {@link #exportOwned} keeps the exporter's reference: right after the struct. */
    private static final long EXPORTER = SIZE;
    private static final long OWNED_SIZE = EXPORTER + Long.BYTES;

    private PyBufferStruct() {
    }

    /** Room for one zeroed {@code Py_buffer} on the thread's scratch stack. */
    public static long allocate(NativeScratch scratch) {
        long view = scratch.allocate(SIZE);
        Memory.at(view, SIZE).fill((byte) 0);
        return view;
    }

    /**
     * Exports the buffer of {@code object} into a {@code Py_buffer} the bridge owns until
     * {@link #releaseOwned}, not bound to a scope: {@code PyObject_GetBuffer} with {@code flags}, and a
     * reference to {@code object} kept beside the struct ({@link #exporter}). Returns the struct's
     * address, or 0 with Python's error set when the object refuses. The caller holds the GIL.
     *
     * @throws OutOfMemoryError when Python's raw allocator has no room for the struct
     */
    public static long exportOwned(long object, int flags) {
        long view = CPython.PyMem_RawMalloc(OWNED_SIZE);
        if (view == 0) {
            throw new OutOfMemoryError("no native memory for a Py_buffer (" + OWNED_SIZE + " bytes)");
        }
        if (CPython.PyObject_GetBuffer(object, view, flags) != 0) {
            CPython.PyMem_RawFree(view);
            return 0;
        }
        CPython.Py_IncRef(object);
        Memory.putLong(view + EXPORTER, object);
        return view;
    }

    /** The object whose buffer {@code ownedView} (of {@link #exportOwned}) is; borrowed from the view. */
    public static long exporter(long ownedView) {
        return Memory.getLong(ownedView + EXPORTER);
    }

    /**
     * Ends an export of {@link #exportOwned}: releases the buffer, drops the reference to the exporter
     * and frees the struct. Either may run Python code. The caller holds the GIL.
     */
    public static void releaseOwned(long ownedView) {
        long exporter = exporter(ownedView);
        CPython.PyBuffer_Release(ownedView);
        CPython.Py_DecRef(exporter);
        CPython.PyMem_RawFree(ownedView);
    }

    /** The address of the data ({@code buf}). */
    public static long data(long view) {
        return Memory.getLong(view + BUF);
    }

    /**
     * What a filled-in {@code Py_buffer} says, copied into Java. A missing format means unsigned bytes
     * ({@code "B"}), missing strides mean C order, as the buffer protocol defines.
     */
    public static BufferInfo read(long view) {
        long address = Memory.getLong(view + BUF);
        long length = Memory.getLong(view + LEN);
        long itemSize = Memory.getLong(view + ITEMSIZE);
        boolean readOnly = Memory.getInt(view + READONLY) != 0;
        int ndim = Memory.getInt(view + NDIM);
        long format = Memory.getLong(view + FORMAT_FIELD);
        long shapeAddress = Memory.getLong(view + SHAPE);
        long stridesAddress = Memory.getLong(view + STRIDES_FIELD);
        long[] shape = new long[ndim];
        long[] strides = new long[ndim];
        if (shapeAddress == 0 && ndim == 1) {
            shape[0] = length / Math.max(1, itemSize);
        }
        for (int i = 0; i < ndim; i++) {
            if (shapeAddress != 0) {
                shape[i] = Memory.getLong(shapeAddress + 8L * i);
            }
        }
        if (stridesAddress != 0) {
            for (int i = 0; i < ndim; i++) {
                strides[i] = Memory.getLong(stridesAddress + 8L * i);
            }
        } else {
            long stride = itemSize;
            for (int i = ndim - 1; i >= 0; i--) {
                strides[i] = stride;
                stride *= shape[i];
            }
        }
        return new BufferInfo(address, length, itemSize, readOnly, format == 0 ? "B" : Memory.cString(format),
                shape, strides);
    }
}
