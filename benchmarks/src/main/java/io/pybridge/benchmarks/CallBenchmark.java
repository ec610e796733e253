package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Scalar calls through the public API, paired with {@code capi.call_*}. */
@State(Scope.Thread)
public class CallBenchmark {
    private static final int BATCH = 1000;
    private PyObject add;
    private PyObject noop;
    private BenchTarget bound;
    private long i;
    private int x;

    /** {@code bench_target} bound to a Java interface. */
    public interface BenchTarget {
        long add(long a, long b);
    }

    @Setup
    public void setUp() {
        add = Bridge.target("add");
        noop = Bridge.target("noop");
        bound = Bridge.PYTHON.bind(BenchTarget.class, "bench_target");
    }

    @TearDown
    public void tearDown() {
        add.close();
        noop.close();
    }

    /** {@code add(i, 1)} converting both arguments and the result, in one withGil body per batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long add() {
        return Bridge.PYTHON.withGil(py -> {
            long sum = 0;
            for (int k = 0; k < BATCH; k++) {
                try (PyObject result = add.call(i++, 1)) {
                    sum += result.as(Long.class);
                }
            }
            return sum;
        });
    }

    /** {@link #add} through an interface bound to the module: the same call, no PyObject in sight. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long boundAdd() {
        return Bridge.PYTHON.withGil(py -> {
            long sum = 0;
            for (int k = 0; k < BATCH; k++) {
                sum += bound.add(i++, 1);
            }
            return sum;
        });
    }

    /** {@code noop()}: the fixed cost of a call and its result object. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void noop() {
        Bridge.PYTHON.withGil(py -> {
            for (int k = 0; k < BATCH; k++) {
                noop.call().close();
            }
            return null;
        });
    }

    /**
     * A model's score: {@code add(x, 0.5)} on floats from a thread that does not hold the GIL, the result read
     * as a Java {@code float}. The call takes the GIL; the result is read and closed without it.
     */
    @Benchmark
    public float scoreWithGil() {
        try (PyObject result = add.call((x++ % 4096) * 0.25, 0.5)) {
            return result.as(Float.class);
        }
    }

    /**
     * {@link #scoreWithGil} from a virtual thread: the call hops to a carrier and back, the result is read and
     * closed on the virtual thread without a second hop.
     */
    @Benchmark
    @OperationsPerInvocation(Bridge.VIRTUAL_BATCH)
    public float scoreVirtual() throws InterruptedException {
        float[] sum = new float[1];
        Bridge.onVirtualThread(() -> sum[0] += scoreWithGil());
        return sum[0];
    }

    /** {@code add(i, 1)} from a thread that does not hold the GIL: the call takes it itself. */
    @Benchmark
    public long addWithGil() {
        try (PyObject result = add.call(i++, 1)) {
            return result.as(Long.class);
        }
    }
}
