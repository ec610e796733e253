package io.pybridge.examples.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example's job in Spark's local[2] mode, against known answers: the Python model scored inside
 * Spark gives per row exactly what the same pickled model gives in a plain Python process; its held-out
 * accuracy is what a digit classifier should reach; the pure-Java UDF agrees with it.
 */
class SparkInferenceTest {
    static SparkSession spark;
    static PythonWorker worker;
    static ModelPayload payload;
    static DigitsJob.HeldOut heldOut;
    static Broadcast<ModelPayload> model;

    record Score(long label, double confidence) {
    }

    @BeforeAll
    static void start() {
        spark = SparkInference.session("local[2]", "spark-inference-test");
        spark.sparkContext().setLogLevel("WARN");
        worker = PythonWorker.get();
        payload = DigitsJob.train(worker, 0);
        heldOut = DigitsJob.heldOut(worker, 0);
        model = DigitsJob.broadcast(spark, payload);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Map<Long, Score> byId(Dataset<Row> scores) {
        Map<Long, Score> out = new HashMap<>();
        for (Row r : scores.collectAsList()) {
            out.put(r.getLong(0), new Score(r.getLong(1), r.getDouble(2)));
        }
        return out;
    }

    @Test
    void pythonScoresInSparkAreExactlyPlainPythons() throws Exception {
        ScoringMetrics metrics = new ScoringMetrics(spark.sparkContext());
        // 3 partitions, batches of 64: full and partial batches on both task threads.
        Map<Long, Score> scored = byId(DigitsJob.scoreWithPython(DigitsJob.images(spark, heldOut, 1, 3), model, 64, metrics));
        List<Score> plain = plainPython();
        assertEquals(heldOut.count(), scored.size());
        int correct = 0;
        for (int i = 0; i < heldOut.count(); i++) {
            Score s = scored.get((long) i);
            assertEquals(plain.get(i), s, "row " + i + ": Spark's Python scoring differs from plain Python's");
            correct += s.label() == heldOut.labels()[i] ? 1 : 0;
        }
        double accuracy = correct / (double) heldOut.count();
        assertTrue(accuracy > 0.9, payload.description() + " on " + heldOut.dataset() + ": held-out accuracy " + accuracy);
        assertEquals(heldOut.count(), metrics.rows());
        assertTrue(metrics.batches() >= heldOut.count() / 64, "batches: " + metrics.batches());
        assertEquals(1, worker.modelsHeld(), "every task of this JVM shares one model");
        assertTrue(worker.modelLoads() <= 2, "unpickled more often than the 2 task threads can race: " + worker.modelLoads());
    }

    @Test
    void theJavaUdfAgreesWithThePythonModel() {
        ScoringMetrics metrics = new ScoringMetrics(spark.sparkContext());
        Dataset<Row> images = DigitsJob.images(spark, heldOut, 1, 2);
        Map<Long, Score> python = byId(DigitsJob.scoreWithPython(images, model, 100, metrics));
        Map<Long, Score> java = byId(DigitsJob.scoreWithJava(images, model));
        int agree = 0;
        for (long id = 0; id < heldOut.count(); id++) {
            if (python.get(id).label() == java.get(id).label()) {
                agree++;
                assertEquals(python.get(id).confidence(), java.get(id).confidence(), 1e-9, "row " + id);
            }
        }
        // Both compute in float64; only a tie at the last bits could pick another label.
        assertTrue(agree >= heldOut.count() - 1, agree + " of " + heldOut.count() + " rows agree");
    }

    @Test
    void noArrowMemoryOutlivesTheJob() {
        ScoringMetrics metrics = new ScoringMetrics(spark.sparkContext());
        DigitsJob.scoreWithPython(DigitsJob.images(spark, heldOut, 2, 4), model, 128, metrics).collectAsList();
        worker.python().withGil(py -> null);   // applies the releases Java made without the GIL
        assertEquals(0, worker.allocator().getAllocatedMemory(), "Arrow memory still held after the job");
        assertEquals(2L * heldOut.count(), metrics.rows());
    }

    /** The same pickled model run by a standalone Python process on the same images. */
    private static List<Score> plainPython() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("digits-plain");
        Path modelFile = Files.write(dir.resolve("model.pickle"), payload.pickled());
        Path pixelFile = Files.write(dir.resolve("pixels.bin"), heldOut.pixels());
        ProcessBuilder builder = new ProcessBuilder(worker.python().runtime().executable().toString(), "-m",
                ModuleFolder.PACKAGE, modelFile.toString(), pixelFile.toString());
        builder.environment().put("PYTHONPATH", ModuleFolder.find().toString());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "plain Python did not finish");
        assertEquals(0, process.exitValue(), "plain Python failed");
        return out.lines().map(line -> line.split(" "))
                .map(f -> new Score(Long.parseLong(f[0]), Double.parseDouble(f[1]))).toList();
    }
}
