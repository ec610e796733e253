package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What concurrency costs and what it buys:
 * <ul>
 *   <li>{@code submitRoundTrip} vs {@code withGilCall}: the same call through {@code Python.submit(...).join()}
 *       and directly; the difference is the executor hand-off and the future.</li>
 *   <li>{@code virtualThreadCalls} vs {@code platformThreadCalls}: 100 {@code withGil} calls from one
 *       virtual thread (each hopping to a bridge platform thread) and from the benchmark's own platform
 *       thread; the difference per call is the hop.</li>
 *   <li>{@code numpySin1Thread} / {@code numpySin2Threads}: an element-wise sine over 1M float64 (numpy
 *       releases the GIL for it) from 1 and 2 Java threads; scaling = 2 x avgt(1) / avgt(2).</li>
 *   <li>{@code purePython1Thread} / {@code purePython2Threads}: the same for pure-Python work, which the GIL
 *       serialises: the contrast.</li>
 * </ul>
 * The Python functions are in {@code benchmarks/python/concurrency_target.py}, next to {@code bench_target.py}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class ConcurrencyBenchmark {
    static final int ARRAY = 1_000_000;
    static final int PURE_STEPS = 20_000;
    static final int HOPS = 100;

    @State(Scope.Benchmark)
    public static class Target {
        Python python;
        PyObject module;
        PyObject add;
        PyObject countTo;
        PyObject sinInto;
        boolean numpy;

        @Setup(Level.Trial)
        public void start() {
            python = Bridge.PYTHON;
            module = python.withGil(py -> py.importModule("concurrency_target"));
            add = module.getAttr("add");
            countTo = module.getAttr("count_to");
            sinInto = module.getAttr("sin_into");
            numpy = python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('numpy') is not None")
                    .as(Boolean.class));
        }

        @TearDown(Level.Trial)
        public void stop() {
            add.close();
            countTo.close();
            sinInto.close();
            module.close();
        }
    }

    /** Each benchmark thread's own arrays, so that two threads never write the same memory. */
    @State(Scope.Thread)
    public static class Arrays {
        PyObject input;
        PyObject output;

        @Setup(Level.Trial)
        public void allocate(Target target) {
            if (!target.numpy) {
                throw new IllegalStateException("numpy is not installed in this Python: the numpy benchmarks cannot run");
            }
            input = target.module.callMethod("float64_array", ARRAY);
            output = target.module.callMethod("float64_array", ARRAY);
        }

        @TearDown(Level.Trial)
        public void free() {
            input.close();
            output.close();
        }
    }

    private static long addOnce(Target target, long i) {
        try (PyObject sum = target.add.call(i, 1)) {
            return sum.as(Long.class);
        }
    }

    @Benchmark
    public long withGilCall(Target target) {
        return target.python.withGil(py -> addOnce(target, 41));
    }

    @Benchmark
    public long submitRoundTrip(Target target) {
        return target.python.submit(py -> addOnce(target, 41)).join();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long platformThreadCalls(Target target) {
        long sum = 0;
        for (int i = 0; i < HOPS; i++) {
            sum += target.python.withGil(py -> addOnce(target, 41));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long virtualThreadCalls(Target target) throws InterruptedException {
        long[] sum = new long[1];
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < HOPS; i++) {
                sum[0] += target.python.withGil(py -> addOnce(target, 41));
            }
        }).join();
        return sum[0];
    }

    @Benchmark
    @Threads(1)
    public Object numpySin1Thread(Target target, Arrays arrays) {
        return target.sinInto.call(arrays.input, arrays.output);
    }

    @Benchmark
    @Threads(2)
    public Object numpySin2Threads(Target target, Arrays arrays) {
        return target.sinInto.call(arrays.input, arrays.output);
    }

    @Benchmark
    @Threads(1)
    public long purePython1Thread(Target target) {
        try (PyObject total = target.countTo.call(PURE_STEPS)) {
            return total.as(Long.class);
        }
    }

    @Benchmark
    @Threads(2)
    public long purePython2Threads(Target target) {
        try (PyObject total = target.countTo.call(PURE_STEPS)) {
            return total.as(Long.class);
        }
    }
}
