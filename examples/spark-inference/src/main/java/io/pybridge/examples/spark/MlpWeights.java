package io.pybridge.examples.spark;

import java.io.Serializable;

/**
 * A ReLU MLP with one hidden layer and a softmax output, as scikit-learn's MLPClassifier computes it:
 * {@code softmax(relu(x W1 + b1) W2 + b2)}. Row-major weights: {@code w1[i * hidden + j]},
 * {@code w2[j * outputs + k]}.
 */
public record MlpWeights(int inputs, int hidden, int outputs, double[] w1, double[] b1, double[] w2, double[] b2,
                         long[] classes) implements Serializable {

    public MlpWeights {
        if (w1.length != inputs * hidden || b1.length != hidden || w2.length != hidden * outputs || b2.length != outputs
                || classes.length != outputs) {
            throw new IllegalArgumentException("inconsistent layer sizes: " + inputs + " -> " + hidden + " -> " + outputs);
        }
    }

    /**
     * Scores one image of {@code inputs} unsigned bytes, each divided by {@code scale}: writes the class
     * into {@code out[0]} and returns its probability. {@code hiddenScratch} and {@code logitScratch}
     * have {@code hidden} and {@code outputs} elements.
     */
    public double score(byte[] pixels, double scale, long[] out, double[] hiddenScratch, double[] logitScratch) {
        double[] h = hiddenScratch;
        System.arraycopy(b1, 0, h, 0, hidden);
        for (int i = 0; i < inputs; i++) {
            double x = (pixels[i] & 0xFF) / scale;
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                h[j] += x * w1[row + j];
            }
        }
        double[] z = logitScratch;
        System.arraycopy(b2, 0, z, 0, outputs);
        for (int j = 0; j < hidden; j++) {
            double a = Math.max(h[j], 0.0);
            int row = j * outputs;
            for (int k = 0; k < outputs; k++) {
                z[k] += a * w2[row + k];
            }
        }
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            sum += Math.exp(z[k] - z[best]);
        }
        out[0] = classes[best];
        return 1.0 / sum;
    }
}
