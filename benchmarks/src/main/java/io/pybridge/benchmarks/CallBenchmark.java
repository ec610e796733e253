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

    /** {@code add(i, 1)} from a thread that does not hold the GIL: the call takes it itself. */
    @Benchmark
    public long addWithGil() {
        try (PyObject result = add.call(i++, 1)) {
            return result.as(Long.class);
        }
    }
}
