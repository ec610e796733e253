package io.pybridge.benchmarks;

/**
 * How {@link WarmupMain} and {@link RawFfmWarmupMain} time a fresh JVM's calls, so that their rows in
 * {@code benchmarks/warmup.sh} are measured alike: the first {@code count} calls with no warm-up, then
 * calls on for {@code steadySeconds} and the last {@code count} of those timed (the steady state,
 * JIT-compiled). Returns one tab-separated line: {@code first_call_us first_1000_avg_ns
 * first_COUNT_avg_ns steady_avg_ns}. With {@code -Dwarmup.blocks=true} it also prints each thousand
 * calls' average to standard error, to see when the JIT's code arrives.
 */
final class WarmupTimer {
    /** One call with argument {@code i}; what it returns is summed, so that the JIT cannot drop it. */
    interface Call {
        long run(long i) throws Throwable;
    }

    private WarmupTimer() {
    }

    static String time(Call call, int count, double steadySeconds) throws Throwable {
        long sum = 0;
        long start = System.nanoTime();
        sum += call.run(0);
        long firstCall = System.nanoTime() - start;
        long firstThousand = 0;
        boolean blocks = Boolean.getBoolean("warmup.blocks");
        long blockStart = start;
        for (int i = 1; i < count; i++) {
            sum += call.run(i);
            if (i == 999) {
                firstThousand = System.nanoTime() - start;
            }
            if (blocks && (i + 1) % 1000 == 0) {
                long now = System.nanoTime();
                System.err.printf("calls %d-%d: %.0f ns per call%n", i - 998, i + 1, (now - blockStart) / 1000.0);
                blockStart = now;
            }
        }
        long first = System.nanoTime() - start;

        long until = System.nanoTime() + (long) (steadySeconds * 1e9);
        long i = count;
        while (System.nanoTime() < until) {
            for (int k = 0; k < 10_000; k++) {
                sum += call.run(i++);
            }
        }
        long steadyStart = System.nanoTime();
        for (int k = 0; k < count; k++) {
            sum += call.run(i++);
        }
        long steady = System.nanoTime() - steadyStart;
        if (sum == 42) {
            System.err.println("(unlikely sum)");
        }
        return String.format("%.1f\t%.1f\t%.1f\t%.1f", firstCall / 1e3, firstThousand / 1000.0,
                (double) first / count, (double) steady / count);
    }
}
