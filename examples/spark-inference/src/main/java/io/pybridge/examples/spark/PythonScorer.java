package io.pybridge.examples.spark;

import io.pybridge.PyObject;
import io.pybridge.arrow.PythonForm;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scores a partition with the Python model, {@code batchSize} rows at a time: the pixels become one Arrow
 * column (a fixed-size list of 64 uint8 per row) that numpy reads in place, the model's label and
 * confidence columns come back as Arrow over numpy's memory. Runs in the executor's task threads, all
 * sharing the JVM's one interpreter ({@link PythonWorker}).
 */
public final class PythonScorer implements MapPartitionsFunction<Row, Row> {
    static final int PIXELS = 64;
    private final Broadcast<ModelPayload> payload;
    private final int batchSize;
    private final ScoringMetrics metrics;

    public PythonScorer(Broadcast<ModelPayload> payload, int batchSize, ScoringMetrics metrics) {
        this.payload = payload;
        this.batchSize = batchSize;
        this.metrics = metrics;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        PythonWorker worker = PythonWorker.get();
        PyObject model = worker.model(payload.value());
        return new Batches<>(input, batchSize, rows -> score(worker, model, rows));
    }

    private record Scored(VectorSchemaRoot columns, long entered, long pythonNanos, boolean hopped) {
    }

    private List<Row> score(PythonWorker worker, PyObject model, List<Row> rows) {
        long start = System.nanoTime();
        try (VectorSchemaRoot batch = pixelBatch(rows, worker.allocator())) {
            long filled = System.nanoTime();
            Scored scored = worker.python().withGil(py -> {
                long entered = System.nanoTime();
                // A task thread with less than 8 MiB of stack runs this body on a bridge thread instead.
                boolean hopped = Thread.currentThread().getName().startsWith("pybridge-");
                try (PyObject pythonBatch = worker.arrow().toPython(batch, PythonForm.AUTO);
                     PyObject out = worker.scoreTimed().call(model, pythonBatch);
                     PyObject columns = out.getItem(0);
                     PyObject nanos = out.getItem(1)) {
                    return new Scored(worker.arrow().toJava(columns), entered, nanos.as(Long.class), hopped);
                }
            });
            long called = System.nanoTime();
            List<Row> out = new ArrayList<>(rows.size());
            try (VectorSchemaRoot columns = scored.columns()) {
                BigIntVector label = (BigIntVector) columns.getVector("label");
                Float8Vector confidence = (Float8Vector) columns.getVector("confidence");
                for (int i = 0; i < rows.size(); i++) {
                    out.add(RowFactory.create(rows.get(i).getLong(0), label.get(i), confidence.get(i)));
                }
            }
            long end = System.nanoTime();
            metrics.rows.add(rows.size());
            metrics.batches.add(1);
            metrics.hoppedBatches.add(scored.hopped() ? 1 : 0);
            metrics.fillNanos.add(filled - start);
            metrics.gilWaitNanos.add(scored.entered() - filled);
            metrics.pythonNanos.add(scored.pythonNanos());
            metrics.bridgeNanos.add(called - scored.entered() - scored.pythonNanos());
            metrics.emitNanos.add(end - called);
            return out;
        }
    }

    /** The rows' pixels (column 1, 64 bytes each) as one Arrow fixed-size-list column, copied once. */
    static VectorSchemaRoot pixelBatch(List<Row> rows, BufferAllocator allocator) {
        int n = rows.size();
        FixedSizeListVector pixels = FixedSizeListVector.empty("pixels", PIXELS, allocator);
        try {
            pixels.addOrGetVector(FieldType.notNullable(new ArrowType.Int(8, false)));
            UInt1Vector values = (UInt1Vector) pixels.getDataVector();
            values.allocateNew(n * PIXELS);
            pixels.allocateNew();
            for (int i = 0; i < n; i++) {
                byte[] image = (byte[]) rows.get(i).get(1);
                if (image.length != PIXELS) {
                    throw new IllegalArgumentException("row " + rows.get(i).getLong(0) + " has " + image.length
                            + " pixels, expected " + PIXELS);
                }
                values.getDataBuffer().setBytes((long) i * PIXELS, image);
                pixels.setNotNull(i);
            }
            values.getValidityBuffer().setOne(0, (n * PIXELS + 7) / 8);
            values.setValueCount(n * PIXELS);
            pixels.setValueCount(n);
            VectorSchemaRoot root = VectorSchemaRoot.of(pixels);
            root.setRowCount(n);
            return root;
        } catch (RuntimeException e) {
            pixels.close();
            throw e;
        }
    }
}
