package io.pybridge.examples.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/**
 * Where a Python-scored batch spends its time, summed over every task with Spark accumulators: Java
 * building the Arrow batch from rows, waiting for the GIL (while another task thread runs Python), the
 * bridge (handing the batch to Python, calling, taking the result columns back), the model's own Python
 * work, and Java turning the result into rows. Also how many batches ran their Python on a bridge thread
 * because the task thread's stack was under 8 MiB (the wait for that hop counts as waiting for the GIL).
 */
public final class ScoringMetrics implements Serializable {
    final LongAccumulator rows;
    final LongAccumulator batches;
    final LongAccumulator hoppedBatches;
    final LongAccumulator fillNanos;
    final LongAccumulator gilWaitNanos;
    final LongAccumulator bridgeNanos;
    final LongAccumulator pythonNanos;
    final LongAccumulator emitNanos;

    public ScoringMetrics(SparkContext context) {
        rows = context.longAccumulator("rows");
        batches = context.longAccumulator("batches");
        hoppedBatches = context.longAccumulator("batches whose Python ran on a bridge thread");
        fillNanos = context.longAccumulator("rows to Arrow (ns)");
        gilWaitNanos = context.longAccumulator("waiting for the GIL (ns)");
        bridgeNanos = context.longAccumulator("bridge (ns)");
        pythonNanos = context.longAccumulator("model in Python (ns)");
        emitNanos = context.longAccumulator("Arrow to rows (ns)");
    }

    public void reset() {
        for (LongAccumulator a : new LongAccumulator[]{rows, batches, hoppedBatches, fillNanos, gilWaitNanos, bridgeNanos, pythonNanos, emitNanos}) {
            a.reset();
        }
    }

    public long rows() {
        return rows.value();
    }

    public long batches() {
        return batches.value();
    }

    public long hoppedBatches() {
        return hoppedBatches.value();
    }

    /** Mean microseconds per batch: rows to Arrow, waiting for the GIL, bridge, Python model, Arrow to rows. */
    public double[] microsPerBatch() {
        double n = Math.max(1, batches.value());
        return new double[]{fillNanos.value() / n / 1e3, gilWaitNanos.value() / n / 1e3, bridgeNanos.value() / n / 1e3,
                pythonNanos.value() / n / 1e3, emitNanos.value() / n / 1e3};
    }

    /** The bridge's share of a batch's time: bridge over all five phases. */
    public double bridgeShare() {
        double total = fillNanos.value() + gilWaitNanos.value() + bridgeNanos.value() + pythonNanos.value() + emitNanos.value();
        return total == 0 ? 0 : bridgeNanos.value() / total;
    }
}
