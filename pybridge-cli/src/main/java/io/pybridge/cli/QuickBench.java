package io.pybridge.cli;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Times an operation the simple way: a warm-up round, then a few rounds of a fixed count, each
 * round timed as a whole. Good enough to see that the bridge is in the expected range on this
 * machine; not a benchmark (no forks, no control of the JIT, no comparison with a baseline).
 */
final class QuickBench {
    private QuickBench() {
    }

    /**
     * Nanoseconds per operation: the median and the best of {@code rounds} rounds.
     *
     * @param median the median round's time per operation
     * @param best   the fastest round's time per operation
     */
    record Result(double median, double best) {
    }

    /**
     * Runs {@code round} (which performs {@code count} operations and returns something derived from
     * their results, so that the JIT cannot drop them) once to warm up, then {@code rounds} times.
     */
    static Result measure(long count, int rounds, LongUnaryOperator round) {
        if (count < 1 || rounds < 1) {
            throw new IllegalArgumentException("count and rounds must be at least 1, got " + count + " and " + rounds);
        }
        long sink = round.applyAsLong(count);
        double[] perOperation = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            sink += round.applyAsLong(count);
            perOperation[i] = (System.nanoTime() - start) / (double) count;
        }
        if (sink == 42) {
            Thread.onSpinWait();   // uses the sink; never matters
        }
        Arrays.sort(perOperation);
        return new Result(perOperation[rounds / 2], perOperation[0]);
    }
}
