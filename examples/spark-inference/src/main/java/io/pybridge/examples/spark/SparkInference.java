package io.pybridge.examples.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * Scores handwritten digits in Spark with a Python model running inside the executor JVM, and the same
 * arithmetic in a pure-Java function for comparison.
 *
 * <pre>
 * bin/spark-inference [--master local[2]] [--copies 400] [--batch-size 4096] [--partitions 4] [--rounds 3]
 * </pre>
 * It trains the model on the driver, scores the held-out digits (accuracy), then {@code copies} times as
 * many rows for throughput, and prints where a Python batch spends its time.
 */
public final class SparkInference {

    private SparkInference() {
    }

    public static void main(String[] args) {
        String master = option(args, "--master", "local[2]");
        int copies = Integer.parseInt(option(args, "--copies", "400"));
        int batchSize = Integer.parseInt(option(args, "--batch-size", "4096"));
        int partitions = Integer.parseInt(option(args, "--partitions", "4"));
        int rounds = Integer.parseInt(option(args, "--rounds", "3"));
        SparkSession spark = session(master, "pybridge-spark-inference");
        try {
            run(spark, copies, batchSize, partitions, rounds);
        } finally {
            spark.stop();
        }
    }

    /** A local or cluster session configured as the example and its test use it. */
    public static SparkSession session(String master, String name) {
        return SparkSession.builder().master(master).appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    private static void run(SparkSession spark, int copies, int batchSize, int partitions, int rounds) {
        spark.sparkContext().setLogLevel("WARN");
        PythonWorker worker = PythonWorker.get();
        long start = System.nanoTime();
        ModelPayload payload = DigitsJob.train(worker, 0);
        DigitsJob.HeldOut heldOut = DigitsJob.heldOut(worker, 0);
        System.out.printf(Locale.ROOT, "Python %s (%s); model %s trained on %s in %.1f s; stack of this thread: -Xss%s%n",
                worker.python().runtime().version(), worker.python().runtime().executable(), payload.description(),
                heldOut.dataset(), (System.nanoTime() - start) / 1e9, System.getProperty("pybridge.example.xss", "?"));
        Broadcast<ModelPayload> model = DigitsJob.broadcast(spark, payload);
        ScoringMetrics metrics = new ScoringMetrics(spark.sparkContext());

        Dataset<Row> test = DigitsJob.images(spark, heldOut, 1, partitions);
        List<Row> scored = DigitsJob.scoreWithPython(test, model, batchSize, metrics).join(test, "id").collectAsList();
        long correct = scored.stream().filter(r -> r.getLong(r.fieldIndex("label")) == r.getLong(r.fieldIndex("digit"))).count();
        System.out.printf(Locale.ROOT, "held-out accuracy: %d/%d = %.4f%n", correct, scored.size(), correct / (double) scored.size());

        Dataset<Row> many = DigitsJob.images(spark, heldOut, copies, partitions).cache();
        long rows = many.count();
        System.out.printf(Locale.ROOT, "throughput on %d rows, %d partitions, batches of %d, %s:%n", rows, partitions,
                batchSize, spark.sparkContext().master());
        for (int round = 0; round < rounds; round++) {
            metrics.reset();
            double python = timed(DigitsJob.scoreWithPython(many, model, batchSize, metrics));
            double java = timed(DigitsJob.scoreWithJava(many, model));
            double[] micros = metrics.microsPerBatch();
            System.out.printf(Locale.ROOT, "  round %d: Python UDF %,.0f rows/s, Java UDF %,.0f rows/s (Python/Java %.2fx); "
                            + "per batch: rows->Arrow %.0f us, GIL wait %.0f us, bridge %.0f us, model %.0f us, Arrow->rows %.0f us; "
                            + "bridge share %.1f%%; %d/%d batches hopped to a bridge thread%n",
                    round + 1, rows / python, rows / java, java / python, micros[0], micros[1], micros[2], micros[3], micros[4],
                    100 * metrics.bridgeShare(), metrics.hoppedBatches(), metrics.batches());
        }
    }

    /** Seconds to score every row and sum the labels (so every score is computed and read). */
    private static double timed(Dataset<Row> scores) {
        long start = System.nanoTime();
        scores.agg(sum(col("label")), sum(col("confidence"))).first();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
