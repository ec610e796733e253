package io.pybridge.examples.spark;

import io.pybridge.PyObject;
import io.pybridge.convert.TypeRef;
import io.pybridge.numpy.NDArray;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The pieces of the job: the model trained on the driver, the held-out digits as a Dataset, both scorers. */
public final class DigitsJob {
    /** Pixels are 0..16; the model sees them divided by this (as {@code digits_model.PIXEL_SCALE}). */
    static final double PIXEL_SCALE = 16.0;
    public static final StructType INPUT = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("pixels", DataTypes.BinaryType, false)
            .add("digit", DataTypes.LongType, false);
    public static final StructType SCORES = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("label", DataTypes.LongType, false)
            .add("confidence", DataTypes.DoubleType, false);

    private DigitsJob() {
    }

    /** The held-out digits: 64 pixels per image, in rows of {@code pixels}, and their true labels. */
    public record HeldOut(String dataset, byte[] pixels, long[] labels) implements java.io.Serializable {
        public int count() {
            return labels.length;
        }

        public byte[] image(int i) {
            return Arrays.copyOfRange(pixels, i * PythonScorer.PIXELS, (i + 1) * PythonScorer.PIXELS);
        }
    }

    /** Trains the model in this JVM's interpreter (on the driver) and packs it for the executors. */
    public static ModelPayload train(PythonWorker worker, int seed) {
        PyObject module = worker.module();
        return worker.python().withGil(py -> {
            try (PyObject model = module.callMethod("train", seed);
                 PyObject pickled = module.callMethod("dumps", model);
                 PyObject description = module.callMethod("describe", model);
                 PyObject weights = module.callMethod("weights", model)) {
                byte[] bytes = pickled.as(byte[].class);
                List<NDArray> layers = weights.as(new TypeRef<>() {
                });
                try {
                    MlpWeights mlp = new MlpWeights((int) layers.get(0).shape()[0], (int) layers.get(0).shape()[1],
                            (int) layers.get(2).shape()[1], layers.get(0).toDoubleArray(), layers.get(1).toDoubleArray(),
                            layers.get(2).toDoubleArray(), layers.get(3).toDoubleArray(), layers.get(4).toLongArray());
                    return new ModelPayload(sha256(bytes), description.as(String.class), bytes, mlp);
                } finally {
                    layers.forEach(NDArray::close);
                }
            }
        });
    }

    /** The held-out part of the dataset (never seen in training). */
    public static HeldOut heldOut(PythonWorker worker, int seed) {
        return worker.python().withGil(py -> {
            try (PyObject data = worker.module().callMethod("dataset", seed);
                 PyObject name = data.getItem(0);
                 PyObject pixels = data.getItem(3);
                 PyObject labels = data.getItem(4)) {
                try (NDArray p = pixels.as(NDArray.class); NDArray l = labels.as(NDArray.class)) {
                    return new HeldOut(name.as(String.class), p.toByteArray(), l.toLongArray());
                }
            }
        });
    }

    /**
     * The held-out images as a Dataset, {@code copies} times over (ids stay unique), in {@code partitions};
     * the rows are made on the executors from a broadcast of the images, not shipped inside the tasks.
     */
    public static Dataset<Row> images(SparkSession spark, HeldOut data, int copies, int partitions) {
        Broadcast<HeldOut> images = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(data);
        long count = (long) data.count() * copies;
        return spark.range(0, count, 1, partitions).map((MapFunction<Long, Row>) id -> {
            HeldOut d = images.value();
            int i = (int) (id % d.count());
            return RowFactory.create(id, d.image(i), d.labels()[i]);
        }, Encoders.row(INPUT));
    }

    public static Broadcast<ModelPayload> broadcast(SparkSession spark, ModelPayload payload) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(payload);
    }

    /** The Python model's scores, batches of {@code batchSize} rows handed over as Arrow. */
    public static Dataset<Row> scoreWithPython(Dataset<Row> images, Broadcast<ModelPayload> model, int batchSize,
                                               ScoringMetrics metrics) {
        return images.mapPartitions(new PythonScorer(model, batchSize, metrics), Encoders.row(SCORES));
    }

    /** The same arithmetic in a pure-Java function. */
    public static Dataset<Row> scoreWithJava(Dataset<Row> images, Broadcast<ModelPayload> model) {
        return images.mapPartitions(new JavaScorer(model), Encoders.row(SCORES));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
