package io.pybridge.examples.spark;

import io.pybridge.ModulePaths;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the {@code digits_model} package is: a folder named by {@code -Dspark.inference.python} or
 * {@code $SPARK_INFERENCE_PYTHON}, {@code python/} or {@code examples/spark-inference/python/} under the
 * working directory; otherwise the copy inside this example's jar, unpacked once per JVM into a temporary
 * folder. On a cluster the jar is all an executor needs: spark-submit ships it.
 */
final class ModuleFolder {
    static final String PACKAGE = "digits_model";
    private static final List<String> FILES = List.of("__init__.py", "__main__.py", "glyphs.py", "mlp.py");
    private static final String RESOURCES = "/io/pybridge/examples/spark/python/";

    private ModuleFolder() {
    }

    static Path find() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("spark.inference.python", System.getenv("SPARK_INFERENCE_PYTHON"));
        if (configured != null && !configured.isBlank()) {
            return ModulePaths.find(PACKAGE, Path.of(configured));
        }
        candidates.add(Path.of("python"));
        candidates.add(Path.of("examples", "spark-inference", "python"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve(PACKAGE).resolve("__init__.py"))) {
                return ModulePaths.find(PACKAGE, candidate);
            }
        }
        return unpacked();
    }

    private static Path unpacked() {
        try {
            Path folder = Files.createTempDirectory("spark-inference-python");
            Path target = Files.createDirectories(folder.resolve(PACKAGE));
            for (String file : FILES) {
                try (InputStream in = ModuleFolder.class.getResourceAsStream(RESOURCES + PACKAGE + "/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the jar lacks " + PACKAGE + "/" + file);
                    }
                    Files.copy(in, target.resolve(file));
                }
                target.resolve(file).toFile().deleteOnExit();
            }
            target.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the digits_model package", e);
        }
    }
}
