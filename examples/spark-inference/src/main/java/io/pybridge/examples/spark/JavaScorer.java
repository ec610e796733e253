package io.pybridge.examples.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;

/**
 * The baseline: the same model's arithmetic ({@link MlpWeights#score}) in plain Java, one row at a time,
 * with no Python at all.
 */
public final class JavaScorer implements MapPartitionsFunction<Row, Row> {
    private final Broadcast<ModelPayload> payload;

    public JavaScorer(Broadcast<ModelPayload> payload) {
        this.payload = payload;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        MlpWeights weights = payload.value().weights();
        long[] label = new long[1];
        double[] hidden = new double[weights.hidden()];
        double[] logits = new double[weights.outputs()];
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                Row row = input.next();
                double confidence = weights.score((byte[]) row.get(1), DigitsJob.PIXEL_SCALE, label, hidden, logits);
                return RowFactory.create(row.getLong(0), label[0], confidence);
            }
        };
    }
}
