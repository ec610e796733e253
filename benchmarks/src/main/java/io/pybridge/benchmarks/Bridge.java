package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Files;
import java.nio.file.Path;

/** The interpreter every benchmark uses, with {@code bench_target} importable. */
final class Bridge {
    static final Python PYTHON = start();

    private Bridge() {
    }

    private static Python start() {
        Python.Builder builder = Python.builder();
        String modulePath = System.getProperty("pybridge.bench.modulePath", "benchmarks/python");
        if (Files.isDirectory(Path.of(modulePath))) {
            builder.modulePath(Path.of(modulePath));
        }
        return builder.start();
    }

    /** An attribute of the benchmark module {@code bench_target}. */
    static PyObject target(String name) {
        return PYTHON.withGil(py -> {
            try (PyObject module = py.importModule("bench_target")) {
                return module.getAttr(name);
            }
        });
    }
}
