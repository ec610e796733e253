package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Files;
import java.nio.file.Path;

/** The interpreter every benchmark uses, with {@code bench_target} importable. */
final class Bridge {
    static final Python PYTHON = start();
    /** Operations per invocation of a benchmark run on a virtual thread: one thread start per batch. */
    static final int VIRTUAL_BATCH = 200;

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

    /** Runs {@code operation} {@link #VIRTUAL_BATCH} times on one new virtual thread and waits for it. */
    static void onVirtualThread(Runnable operation) throws InterruptedException {
        Thread.ofVirtual().start(() -> {
            for (int k = 0; k < VIRTUAL_BATCH; k++) {
                operation.run();
            }
        }).join();
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
