package io.pybridge.benchmarks;

import io.pybridge.benchmarks.RawCApi.Calls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * The JDK's floor under {@link CallBenchmark#add}: {@code add(i, 1)} as {@code capi.call_add} makes it
 * (PyLong_FromLongLong twice, PyObject_Vectorcall, Py_DecRef three times, PyLong_AsLongLong), through plain
 * FFM handles on the interpreter the bridge started ({@link RawCApi}), in a {@code withGil} body per batch
 * as the other benchmarks run. Against the C baseline it is what FFM itself costs a call; against
 * {@code call.add}, what the bridge adds.
 */
@State(Scope.Thread)
@OperationsPerInvocation(RawFfmBenchmark.BATCH)
public class RawFfmBenchmark {
    static final int BATCH = 1000;
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private Arena arena;
    private long argv;
    private long add;
    private long i;

    @Setup
    public void setUp() {
        RawCApi.use(Bridge.PYTHON.runtime().library());
        arena = Arena.ofConfined();
        argv = arena.allocate(16, 8).address();
        add = Bridge.PYTHON.withGil(py -> RawCApi.unchecked(() -> RawCApi.importAttribute("bench_target", "add")));
    }

    @TearDown
    public void tearDown() {
        Bridge.PYTHON.withGil(py -> RawCApi.unchecked(() -> {
            Calls.DEC_REF.invokeExact(add);
            return null;
        }));
        arena.close();
    }

    @Benchmark
    public long add() {
        return Bridge.PYTHON.withGil(py -> RawCApi.unchecked(() -> {
            long sum = 0;
            for (int k = 0; k < BATCH; k++) {
                sum += add(i++);
            }
            return sum;
        }));
    }

    private long add(long a) throws Throwable {
        long left = (long) Calls.FROM_LONG.invokeExact(a);
        long right = (long) Calls.FROM_LONG.invokeExact(1L);
        EVERYTHING.set(JAVA_LONG_UNALIGNED, argv, left);
        EVERYTHING.set(JAVA_LONG_UNALIGNED, argv + 8, right);
        long result = (long) Calls.VECTORCALL.invokeExact(add, argv, 2L, 0L);
        Calls.DEC_REF.invokeExact(left);
        Calls.DEC_REF.invokeExact(right);
        if (result == 0) {
            throw new IllegalStateException("add(" + a + ", 1) raised");
        }
        long sum = (long) Calls.AS_LONG.invokeExact(result);
        Calls.DEC_REF.invokeExact(result);
        return sum;
    }
}
