package io.pybridge.ml;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.numpy.DType;
import io.pybridge.numpy.NDArray;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A scikit-learn model trained on features in Java memory (no copy into Python) and queried from Java.
 * Runs where scikit-learn is importable (CI installs Debian's python3-sklearn for /usr/bin/python3.11);
 * elsewhere it is skipped with the reason, and the matrix report checks that reason holds there.
 */
class ScikitLearnEndToEndTest {
    private static final int SAMPLES = 40;

    @Test
    void aClassifierTrainedOnJavaMemoryPredictsForJava() {
        Python python = Python.start();
        boolean importable = python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('sklearn') is not None")
                .as(Boolean.class));
        assumeTrue(importable, "scikit-learn is not importable in " + python.runtime().executable());

        // Two clusters: class 0 around (0, 0), class 1 around (10, 10).
        MemorySegment features = Arena.ofAuto().allocate(2L * SAMPLES * Double.BYTES, 64);
        long[] labels = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            int label = i % 2;
            double jitter = (i % 7) * 0.1;
            features.setAtIndex(ValueLayout.JAVA_DOUBLE, 2L * i, label * 10 + jitter);
            features.setAtIndex(ValueLayout.JAVA_DOUBLE, 2L * i + 1, label * 10 - jitter);
            labels[i] = label;
        }
        MemorySegment queries = Arena.ofAuto().allocate(8L * Double.BYTES, 64);
        double[] points = {0.5, 0.2, 9.5, 10.4, -1, 1, 11, 9};
        MemorySegment.copy(points, 0, queries, ValueLayout.JAVA_DOUBLE, 0, points.length);

        try (PyObject model = python.withGil(py -> py.importModule("sklearn.linear_model").callMethod("LogisticRegression"));
             NDArray x = NDArray.wrap(features, DType.FLOAT64, SAMPLES, 2);
             NDArray q = NDArray.wrap(queries, DType.FLOAT64, 4, 2)) {
            model.callMethod("fit", x, labels).close();
            assertEquals(1.0, model.callMethod("score", x, labels).as(Double.class));
            assertArrayEquals(new long[]{0, 1, 0, 1}, model.callMethod("predict", q).as(long[].class));
            double[] probabilities = model.callMethod("predict_proba", q).callMethod("ravel").as(double[].class);
            assertEquals(8, probabilities.length);
            for (int row = 0; row < 4; row++) {
                assertEquals(1.0, probabilities[2 * row] + probabilities[2 * row + 1], 1e-9);
            }
        }
    }
}
