package io.pybridge.numpy;

import io.pybridge.PythonConversionException;
import io.pybridge.internal.convert.PublicFaces;
import io.pybridge.internal.convert.BufferArray;
import io.pybridge.internal.convert.JavaMemoryArrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An n-dimensional array whose data lives in native memory, shared by Java and Python without a copy:
 * a numpy array, or any other Python object with the buffer protocol ({@code memoryview},
 * {@code array.array}, {@code bytes}), read in place; or Java memory handed to numpy with
 * {@link #wrap}.
 *
 * <p>Get one with {@code pyObject.as(NDArray.class)}: that takes constant time whatever the size, and
 * keeps the Python data pinned (the exporter cannot free, move or resize it; numpy's own
 * {@code resize(refcheck=False)} is the one way around that, as for any other view) until
 * {@link #close()}. Read it
 * through {@link #segment()}, a read-only view that stops working at close, or copy it into a Java
 * array with {@link #toFloatArray()} and its siblings, which give the elements in C (row-major) order
 * whether the array is C-ordered, Fortran-ordered or a strided view. Pass it as an argument to a Python
 * call (or to {@code py.toPython}) and Python receives the original object.
 *
 * <p>Any thread may use it; the copies and the segment need no GIL. {@code close()} is idempotent. An
 * NDArray that is never closed is released after the garbage collector finds neither it nor its
 * segment reachable; closing it releases the export at once.
 */
public final class NDArray implements AutoCloseable {
    static {
        PublicFaces.install(new PublicFaces.Arrays() {
            @Override
            public Class<?> type() {
                return NDArray.class;
            }

            @Override
            public Object of(BufferArray array) {
                return new NDArray(array);
            }

            @Override
            public BufferArray bufferOf(Object value) {
                return value instanceof NDArray array ? array.array : null;
            }
        });
    }

    private final BufferArray array;

    private NDArray(BufferArray array) {
        this.array = array;
    }

    /**
     * A numpy array over Java memory, without a copy: numpy reads (and, unless {@code data} is
     * read-only, writes) {@code data} itself. Pass the result to Python as an argument or with
     * {@code py.toPython}.
     *
     * <p><b>Lifetime.</b> The numpy array, and every view numpy derives from it, keeps {@code data}
     * reachable until Python drops the last of them (the bridge lets go of it when the GIL scope in which
     * that happened ends, or, if a thread Python started dropped it, at the next one), so memory from
     * {@link Arena#ofAuto()} is never freed under Python, whatever Java does with its own references. Memory whose arena can be
     * closed explicitly ({@link Arena#ofConfined()}, {@link Arena#ofShared()}, custom arenas) could be
     * freed while Python still reads it, so it is refused: allocate from {@code Arena.ofAuto()} (or
     * {@link Arena#global()}) for memory you share with Python, or pass a Java array, which is copied.
     * Heap segments ({@code MemorySegment.ofArray}) are refused too, since the garbage collector moves
     * them. A segment made from a raw address ({@code MemorySegment.ofAddress(...).reinterpret(n)})
     * belongs to the global scope: its memory is yours to keep valid while Python holds the array.
     *
     * @param data  native memory holding the elements in C order, at least {@code product(shape) *
     *              dtype.itemSize()} bytes
     * @param dtype the element type
     * @param shape the extent of each dimension; none for a single value
     * @throws IllegalArgumentException      when {@code data} is too small, on the heap, or from an arena
     *                                       that can be closed, or when an extent is negative
     * @throws io.pybridge.PythonImportException when numpy cannot be imported (numpy is needed here,
     *                                       unlike for copies)
     * @throws IllegalStateException         when Python is not running
     */
    public static NDArray wrap(MemorySegment data, DType dtype, long... shape) {
        return new NDArray(JavaMemoryArrays.wrap(data, dtype, shape));
    }

    /** The element type. */
    public DType dtype() {
        return array.dtype();
    }

    /** The extent of each dimension; empty for a single value. */
    public long[] shape() {
        return array.shape();
    }

    /** The step in bytes between neighbours along each dimension; negative for a reversed view. */
    public long[] strides() {
        return array.strides();
    }

    /** The number of dimensions. */
    public int ndim() {
        return array.shape().length;
    }

    /** The number of elements (the product of the shape). */
    public long size() {
        return array.size();
    }

    /** Whether Python exported the data read-only (e.g. {@code bytes}, or a non-writeable numpy array). */
    public boolean isReadOnly() {
        return array.isReadOnly();
    }

    /**
     * A read-only view of the data in place, without a copy, for the calling thread, valid until
     * {@link #close()}: after that any access through it throws {@link IllegalStateException}. It
     * covers every element; element {@code (i, j, ...)} starts at {@link #byteOffset byteOffset(i, j,
     * ...)}, which for a C-ordered array is simply {@code (i * shape[1] + j) * itemSize}. Values are in
     * the machine's byte order (read them with {@code ValueLayout.JAVA_FLOAT_UNALIGNED} and the like).
     *
     * <p>The view lives in a confined arena, so that ending it costs next to nothing; it belongs to
     * the thread that first calls this method, which gets the same segment on every call. Close the
     * NDArray on that thread too: closed from another thread, the view stays readable (and the data
     * pinned) until the garbage collector finds it unreachable. For a view other threads may read, or
     * one that must outlive the NDArray, use {@link #segment(Arena)}.
     *
     * @throws IllegalStateException when this NDArray is closed, or another thread owns the view
     */
    public MemorySegment segment() {
        return array.segment();
    }

    /**
     * A read-only view of the data in place, like {@link #segment()}, that lives in {@code arena}: it
     * can be read by every thread that arena allows ({@link Arena#ofShared()}: all), and it stays
     * valid, with the Python data pinned, until {@code arena} is closed, even after this NDArray is
     * closed. A view in an {@link Arena#ofAuto() automatic} arena pins the data until it is
     * unreachable; one in the {@link Arena#global() global} arena pins it for good.
     *
     * @throws IllegalStateException when this NDArray or {@code arena} is closed
     */
    public MemorySegment segment(Arena arena) {
        java.util.Objects.requireNonNull(arena, "arena");
        return array.segment(arena);
    }

    /**
     * Where in {@link #segment()} the element at {@code index} starts.
     *
     * @throws IllegalArgumentException  when the index has the wrong number of components
     * @throws IndexOutOfBoundsException when a component is outside its dimension
     */
    public long byteOffset(long... index) {
        return array.byteOffset(index);
    }

    /**
     * The elements as floats, in C order. Works for float32 and every type whose values a float holds
     * exactly (float16, bool, 8- and 16-bit integers).
     *
     * @throws PythonConversionException for other types, naming both
     * @throws IllegalStateException     when this NDArray is closed
     */
    public float[] toFloatArray() {
        return (float[]) array.toArray(float.class);
    }

    /**
     * The elements as doubles, in C order. Works for float64, float32, float16, bool and integers of up
     * to 32 bits.
     *
     * @throws PythonConversionException for int64 and uint64, whose values a double may not hold exactly
     * @throws IllegalStateException     when this NDArray is closed
     */
    public double[] toDoubleArray() {
        return (double[]) array.toArray(double.class);
    }

    /**
     * The elements as ints, in C order: int32, bool, and 8- and 16-bit integers.
     *
     * @throws PythonConversionException for other types, naming both
     * @throws IllegalStateException     when this NDArray is closed
     */
    public int[] toIntArray() {
        return (int[]) array.toArray(int.class);
    }

    /**
     * The elements as longs, in C order: int64, bool, and integers of up to 32 bits (uint32 included).
     *
     * @throws PythonConversionException for floating-point types and uint64
     * @throws IllegalStateException     when this NDArray is closed
     */
    public long[] toLongArray() {
        return (long[]) array.toArray(long.class);
    }

    /**
     * The raw bytes of the elements, in C order and the machine's byte order, whatever the type: for a
     * uint8 image these are its pixels, for a float32 array four bytes per element.
     *
     * @throws IllegalStateException when this NDArray is closed
     */
    public byte[] toByteArray() {
        return array.toBytes();
    }

    /**
     * Copies the elements, in C order, into the start of {@code target}, which must have room for
     * {@link #size()} of them; the same types are accepted as by {@link #toFloatArray()}. Reusing one
     * array saves allocating (and zeroing) a new one per copy, which for large arrays costs as much
     * as the copy itself.
     *
     * @throws IllegalArgumentException  when {@code target} is too short
     * @throws PythonConversionException when the elements do not fit a float without loss
     * @throws IllegalStateException     when this NDArray is closed
     */
    public void copyInto(float[] target) {
        array.copyInto(java.util.Objects.requireNonNull(target, "target"));
    }

    /** Like {@link #copyInto(float[])}, for the types {@link #toDoubleArray()} accepts. */
    public void copyInto(double[] target) {
        array.copyInto(java.util.Objects.requireNonNull(target, "target"));
    }

    /** Like {@link #copyInto(float[])}, for the types {@link #toIntArray()} accepts. */
    public void copyInto(int[] target) {
        array.copyInto(java.util.Objects.requireNonNull(target, "target"));
    }

    /** Like {@link #copyInto(float[])}, for the types {@link #toLongArray()} accepts. */
    public void copyInto(long[] target) {
        array.copyInto(java.util.Objects.requireNonNull(target, "target"));
    }

    /** The raw bytes, as {@link #toByteArray()} gives them, into the start of {@code target}. */
    public void copyInto(byte[] target) {
        array.copyInto(java.util.Objects.requireNonNull(target, "target"));
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return array.isClosed();
    }

    /**
     * Releases the data: the segment of {@link #segment()} stops working and the Python object may free
     * or resize it again, once no segment of {@link #segment(Arena)} holds it any more. Idempotent.
     * Waits for copies running on other threads to finish.
     */
    @Override
    public void close() {
        array.close();
    }

    /** Like {@code NDArray[float32 (3, 4)]}; says {@code strided} for a non-C-contiguous view. */
    @Override
    public String toString() {
        return array.toString();
    }
}
