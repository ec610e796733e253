package io.pybridge.examples.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * A trained model as it travels to executors (a Spark broadcast): the pickled Python model, and its
 * weights for the pure-Java UDF that repeats the same arithmetic.
 *
 * @param id          identifies the pickled bytes (their SHA-256), so each JVM unpickles a model once
 * @param description what the model is ({@code sklearn MLPClassifier}, {@code digits_model NumpyMLP})
 * @param pickled     {@code pickle.dumps(model)}
 * @param weights     the same model's layers for Java
 */
public record ModelPayload(String id, String description, byte[] pickled, MlpWeights weights) implements Serializable {
    public ModelPayload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pickled, "pickled");
        Objects.requireNonNull(weights, "weights");
    }
}
