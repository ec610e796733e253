package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.numpy.DType;
import io.pybridge.numpy.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Bulk float32 data between Java and numpy: copies of 1M elements each way (paired with {@code memcpy}
 * of the same 4 MB; out of numpy both into a new array and into one allocated once), results read in place at 1M and 100M elements (the same cost at both sizes shows
 * it is constant time; paired with {@code PyObject_GetBuffer} from C), Java memory handed to numpy
 * without a copy, and a call that passes a numpy array.
 */
@State(Scope.Thread)
public class NumpyBenchmark {
    private static final int MILLION = 1_000_000;
    private static final int HUNDRED_MILLION = 100_000_000;
    private static final int VIEW_BATCH = 100;

    private float[] floats;
    private float[] reused;
    private PyObject array1m;
    private PyObject array100m;
    private PyObject sumArray;
    private MemorySegment segment100m;
    private long element;

    @Setup
    public void setUp() {
        floats = new float[MILLION];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (i % 4096) * 0.5f;
        }
        reused = new float[MILLION];
        try (PyObject makeArray = Bridge.target("make_array")) {
            array1m = makeArray.call(MILLION);
            array100m = makeArray.call(HUNDRED_MILLION);
        }
        sumArray = Bridge.target("sum_array");
        segment100m = Arena.ofAuto().allocate(4L * HUNDRED_MILLION, 64);
    }

    @TearDown
    public void tearDown() {
        array1m.close();
        array100m.close();
        sumArray.close();
    }

    /** A Java {@code float[1_000_000]} copied into a new numpy float32 array. */
    @Benchmark
    public PyObject floatArrayIn1m() {
        return Bridge.PYTHON.withGil(py -> {
            try (PyObject array = py.toPython(floats)) {
                return array;
            }
        });
    }

    /** A numpy float32 array of 1M elements copied into a new Java {@code float[]}. */
    @Benchmark
    public float[] floatArrayOut1m() {
        return array1m.as(float[].class);
    }

    /**
     * No Python: a new Java {@code float[1_000_000]} filled from native memory by {@code MemorySegment.copy},
     * the JVM's own floor for {@link #floatArrayOut1m} (allocating, zeroing and filling 4 MB).
     */
    @Benchmark
    public float[] javaNewArrayCopy1m() {
        float[] out = new float[MILLION];
        MemorySegment.copy(segment100m, ValueLayout.JAVA_FLOAT, 0, out, 0, MILLION);
        return out;
    }

    /**
     * The same copy into a Java array allocated once: what the copy itself costs, without the JVM
     * allocating and zeroing 4 MB each time.
     */
    @Benchmark
    public float[] floatArrayOutInto1m() {
        try (NDArray view = array1m.as(NDArray.class)) {
            view.copyInto(reused);
        }
        return reused;
    }

    /**
     * A 1M-element numpy array read in place: NDArray, its segment, one element, close; a batch in one
     * withGil body, as the C side holds the GIL throughout.
     */
    @Benchmark
    @OperationsPerInvocation(VIEW_BATCH)
    public float view1m() {
        return readInPlace(array1m, MILLION);
    }

    /** The same for 100M elements (400 MB): it must cost what {@link #view1m} costs. */
    @Benchmark
    @OperationsPerInvocation(VIEW_BATCH)
    public float view100m() {
        return readInPlace(array100m, HUNDRED_MILLION);
    }

    private float readInPlace(PyObject array, int size) {
        return Bridge.PYTHON.withGil(py -> {
            float sum = 0;
            for (int k = 0; k < VIEW_BATCH; k++) {
                try (NDArray view = array.as(NDArray.class)) {
                    sum += view.segment().getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, element++ % size);
                }
            }
            return sum;
        });
    }

    /** 100M floats of Java memory given to numpy as an array without a copy, then released. */
    @Benchmark
    public long wrapSegment100m() {
        try (NDArray wrapped = NDArray.wrap(segment100m, DType.FLOAT32, HUNDRED_MILLION)) {
            return wrapped.size();
        }
    }

    /** {@code sum_array(a)} on a 1M float32 array: a call whose argument is a numpy array. */
    @Benchmark
    public double sumArray1m() {
        return Bridge.PYTHON.withGil(py -> {
            try (PyObject sum = sumArray.call(array1m)) {
                return sum.as(Double.class);
            }
        });
    }
}
