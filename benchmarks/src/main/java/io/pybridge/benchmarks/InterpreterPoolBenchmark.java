package io.pybridge.benchmarks;

import io.pybridge.InterpreterPool;
import io.pybridge.Python;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A CPU-bound pure-Python function ({@code fib(22)}, about 5 ms) on an InterpreterPool of 1 and 2
 * sub-interpreters, four calls per invocation: speed-up = avgt(workers=1) / avgt(workers=2). Needs
 * Python 3.12+; on 3.11 the setup fails with the reason.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss8m"})
@State(Scope.Benchmark)
public class InterpreterPoolBenchmark {
    static final int CALLS = 4;
    static final int N = 22;

    @Param({"1", "2"})
    int workers;

    InterpreterPool pool;

    @Setup(Level.Trial)
    public void start() {
        Python python = Bridge.PYTHON;
        InterpreterPool.unsupportedReason(python).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        pool = InterpreterPool.create(python, workers);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long fibOnPool() {
        List<CompletableFuture<Long>> calls = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            calls.add(pool.submit(Long.class, "concurrency_target", "fib", N));
        }
        long sum = 0;
        for (CompletableFuture<Long> call : calls) {
            sum += call.join();
        }
        return sum;
    }
}
