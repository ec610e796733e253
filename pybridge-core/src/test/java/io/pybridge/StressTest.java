package io.pybridge;

import io.pybridge.internal.runtime.GilMode;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Platform and virtual threads mixing every kind of bridge work for a fixed number of operations:
 * calls, conversions, exceptions, Python callbacks, submitted calls with cancellations and timeouts,
 * object closes, allowThreads, and interpreter pool calls where the Python has them. Every result is checked, Python's allocated block count must come back
 * to where it was, and the whole run must end within a bound (a deadlock would not). The default size
 * keeps it to seconds; {@code -Dpybridge.soak=true} runs a long soak and prints its figures
 * ({@code -Dpybridge.soak.operations}, {@code -Dpybridge.soak.virtualThreads} change its size).
 *
 * <p>Callbacks are Python callables called from Python: Java callables handed to Python come with the
 * callbacks work, which this suite should exercise once it is merged.
 */
@Tag("stress")
class StressTest {
    private static final boolean SOAK = Boolean.getBoolean("pybridge.soak");
    private static final int PLATFORM_THREADS = SOAK ? 8 : 4;
    private static final int VIRTUAL_THREADS = Integer.getInteger("pybridge.soak.virtualThreads", SOAK ? 512 : 32);
    private static final int OPERATIONS = Integer.getInteger("pybridge.soak.operations", SOAK ? 2_000_000 : 24_000);
    private static final long BOUND_SECONDS = SOAK ? 3_600 : 180;
    private static final long BLOCK_TOLERANCE = 3_000;

    private enum Op { CALL, CONVERT, EXCEPTION, CALLBACK, SUBMIT, CANCEL, TIMEOUT, CLOSE, BATCH, ALLOW_THREADS, POOL }

    private static final List<Op> BASE_MIX = List.of(
        Op.CALL, Op.CALL, Op.CALL, Op.CONVERT, Op.CONVERT, Op.EXCEPTION, Op.CALLBACK, Op.SUBMIT, Op.SUBMIT,
        Op.CANCEL, Op.TIMEOUT, Op.CLOSE, Op.CLOSE, Op.BATCH, Op.ALLOW_THREADS);

    /** The operations drawn from; interpreter pool calls too where the Python has them (3.12+). */
    private Op[] mix;
    private InterpreterPool pool;

    private final Python python = Fixtures.python();
    private final Queue failures = new Queue();
    private final AtomicLongArray counts = new AtomicLongArray(Op.values().length);
    private final AtomicLongArray outcomes = new AtomicLongArray(3);
    private static final int CANCELLED = 0;
    private static final int TIMED_OUT = 1;
    private static final int FINISHED_FIRST = 2;

    /** Failures seen by worker threads, kept for the report (the first few in full). */
    private static final class Queue extends ConcurrentLinkedQueue<String> {
    }

    private PyObject add;
    private PyObject echo;
    private PyObject raise;
    private PyObject applyEach;
    private PyObject triple;
    private PyObject countTo;

    @Test
    void mixedWorkloadOnPlatformAndVirtualThreads() throws Exception {
        try (PyObject module = python.withGil(py -> py.importModule("concurrency_fixtures"))) {
            add = module.getAttr("add");
            echo = module.getAttr("echo");
            raise = module.getAttr("fail");
            applyEach = module.getAttr("apply_each");
            countTo = module.getAttr("count_to");
            triple = python.withGil(py -> py.eval("lambda x: 3 * x"));
            List<Op> ops = new ArrayList<>(BASE_MIX);
            if (InterpreterPool.isSupported(python)) {
                pool = InterpreterPool.create(python, 2);
                ops.add(Op.POOL);
            }
            mix = ops.toArray(Op[]::new);

            run(Math.max(2_000, OPERATIONS / 10), "warm-up");
            for (int i = 0; i < counts.length(); i++) {
                counts.set(i, 0);
            }
            for (int i = 0; i < outcomes.length(); i++) {
                outcomes.set(i, 0);
            }
            long before = settledBlocks();
            long start = System.nanoTime();
            run(OPERATIONS, "measured");
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = settledBlocks();

            report(seconds, before, after);
            assertEquals(List.of(), new ArrayList<>(failures).subList(0, Math.min(10, failures.size())),
                    failures.size() + " operations failed");
            assertTrue(after - before < BLOCK_TOLERANCE, "allocated blocks grew from " + before + " to " + after);
        } finally {
            if (pool != null) {
                pool.close();
            }
            for (PyObject o : new PyObject[] {add, echo, raise, applyEach, triple, countTo}) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    private void run(int operations, String phase) throws InterruptedException {
        int threads = PLATFORM_THREADS + VIRTUAL_THREADS;
        try (ExecutorService platform = Executors.newFixedThreadPool(PLATFORM_THREADS);
             ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int index = t;
                int share = operations / threads + (t < operations % threads ? 1 : 0);
                Runnable worker = () -> work(index, share);
                (t < PLATFORM_THREADS ? platform : virtual).execute(worker);
            }
            platform.shutdown();
            virtual.shutdown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            boolean done = platform.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS)
                    && virtual.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!done) {
                fail("the " + phase + " run did not finish within " + BOUND_SECONDS + " s (a deadlock?):\n" + threadDump());
            }
        }
    }

    private void work(int thread, int operations) {
        Random random = new Random(1234L + thread);
        for (int i = 0; i < operations; i++) {
            Op op = mix[random.nextInt(mix.length)];
            counts.incrementAndGet(op.ordinal());
            try {
                perform(op, random, thread, i);
            } catch (Throwable t) {
                failures.add(op + " on thread " + thread + " op " + i + ": " + t);
            }
        }
    }

    private void perform(Op op, Random random, int thread, int i) throws Exception {
        switch (op) {
            case CALL -> {
                long a = random.nextInt(1_000_000);
                long b = random.nextInt(1_000_000);
                try (PyObject sum = add.call(a, b)) {
                    check(a + b, sum.as(Long.class), "add");
                }
            }
            case CONVERT -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("thread", (long) thread);
                value.put("items", List.of((long) i, "s" + i, 0.5 * i, List.of(true, false)));
                value.put("text", "ünïcode-" + random.nextInt(100));
                try (PyObject back = echo.call(value)) {
                    check(value, back.as(Map.class), "echo");
                }
            }
            case EXCEPTION -> {
                String message = "bad " + thread + "/" + i;
                try {
                    raise.call(message).close();
                    throw new AssertionError("no exception");
                } catch (PythonExecutionException e) {
                    check("ValueError", e.pythonType(), "exception type");
                    check(message, e.pythonMessage(), "exception message");
                }
            }
            case CALLBACK -> {
                try (PyObject tripled = applyEach.call(triple, List.of(1, 2, i))) {
                    check(List.of(3L, 6L, 3L * i), tripled.as(List.class), "callbacks");
                }
            }
            case SUBMIT -> {
                long n = random.nextInt(1000);
                long result = python.submit(py -> {
                    try (PyObject sum = add.call(n, 1)) {
                        return sum.as(Long.class);
                    }
                }).get(BOUND_SECONDS, TimeUnit.SECONDS);
                check(n + 1, result, "submitted add");
            }
            case CANCEL -> {
                int n = 1_000 + random.nextInt(50_000);
                CompletableFuture<Long> future = python.submit(py -> countTo.call(n).as(Long.class));
                Thread.sleep(0, random.nextInt(500_000));
                future.cancel(true);
                settle(future, (long) n * (n - 1) / 2);
            }
            case TIMEOUT -> {
                int n = 1_000 + random.nextInt(50_000);
                CompletableFuture<Long> future = python.submit(py -> countTo.call(n).as(Long.class))
                        .orTimeout(random.nextInt(3), TimeUnit.MILLISECONDS);
                settle(future, (long) n * (n - 1) / 2);
            }
            case CLOSE -> {
                PyObject list = python.withGil(py -> py.eval("[1, 2, 3]"));
                check(3L, (long) list.len(), "len");
                if (random.nextBoolean()) {
                    list.close();
                    try {
                        list.len();
                        throw new AssertionError("used after close");
                    } catch (IllegalStateException expected) {
                        // as it should
                    }
                }
                // Otherwise left to the garbage collector and the pending-release pool.
            }
            case BATCH -> python.withGil(py -> {
                for (int k = 0; k < 5; k++) {
                    try (PyObject sum = add.call(k, i)) {
                        check((long) k + i, sum.as(Long.class), "batched add");
                    }
                }
                return null;
            });
            case POOL -> {
                int n = 8 + random.nextInt(8);
                CompletableFuture<Long> future = pool.submit(Long.class, "concurrency_fixtures", "fib", n);
                if (random.nextInt(4) == 0) {
                    future.cancel(true);
                }
                settle(future, fib(n));
            }
            case ALLOW_THREADS -> {
                long value = python.withGil(py -> {
                    long inJava = py.allowThreads(() -> (long) thread * 2);
                    return inJava + py.eval("1").as(Long.class);
                });
                check(thread * 2L + 1, value, "allowThreads");
            }
        }
    }

    /** A cancelled or timed-out call either finished first with the right value or reports that, nothing else. */
    private void settle(CompletableFuture<Long> future, long expected) throws InterruptedException {
        try {
            check(expected, future.get(BOUND_SECONDS, TimeUnit.SECONDS), "cancelled call's result");
            outcomes.incrementAndGet(FINISHED_FIRST);
        } catch (CancellationException e) {
            outcomes.incrementAndGet(CANCELLED);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw new AssertionError("unexpected failure " + e.getCause(), e.getCause());
            }
            outcomes.incrementAndGet(TIMED_OUT);
        } catch (TimeoutException e) {
            throw new AssertionError("a cancelled call never completed", e);
        } catch (CompletionException e) {
            throw new AssertionError(e);
        }
    }

    private static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    private static void check(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + " but got " + actual);
        }
    }

    private long settledBlocks() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long now = blocks();
        for (int i = 0; i < 20 && now < previous; i++) {
            System.gc();
            Thread.sleep(50);
            previous = now;
            now = blocks();
        }
        return now;
    }

    private long blocks() {
        return python.withGil(py -> py.importModule("concurrency_fixtures").callMethod("allocated_blocks").as(Long.class));
    }

    private void report(double seconds, long before, long after) {
        StringBuilder text = new StringBuilder(SOAK ? "Soak" : "Stress").append(": ")
                .append(OPERATIONS).append(" operations on ").append(PLATFORM_THREADS).append(" platform + ")
                .append(VIRTUAL_THREADS).append(" virtual threads in ").append(String.format("%.1f", seconds))
                .append(" s (").append(String.format("%.0f", OPERATIONS / seconds)).append(" ops/s), Python ")
                .append(python.runtime().version()).append(", ").append(GilMode.now()).append('\n');
        for (Op op : Op.values()) {
            text.append("  ").append(op).append(": ").append(counts.get(op.ordinal())).append('\n');
        }
        text.append("  cancelled/timed-out calls: ").append(outcomes.get(CANCELLED)).append(" cancelled, ")
                .append(outcomes.get(TIMED_OUT)).append(" timed out, ").append(outcomes.get(FINISHED_FIRST))
                .append(" finished first\n");
        text.append("  allocated blocks: ").append(before).append(" -> ").append(after).append(" (")
                .append(after - before >= 0 ? "+" : "").append(after - before).append("), pending releases: ")
                .append(Interpreter.pendingReleases()).append('\n');
        text.append("  failures: ").append(failures.size());
        System.out.println(text);
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info);
        }
        return dump.toString();
    }
}
