package io.pybridge.testing;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The running interpreter with {@code src/test/resources/python} on its path, and waiting helpers. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Python python() {
        Python python = Python.start();
        python.addModulePath(resourceDir());
        return python;
    }

    public static Path resourceDir() {
        try {
            return Path.of(Fixtures.class.getResource("/python").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code concurrency_fixtures.<name>}, a new reference. */
    public static PyObject fixture(Python python, String name) {
        return python.withGil(py -> {
            try (PyObject module = py.importModule("concurrency_fixtures")) {
                return module.getAttr(name);
            }
        });
    }

    /** The value {@code mark(key, ...)} recorded, or null. */
    public static String state(Python python, String key) {
        try (PyObject state = fixture(python, "state")) {
            return state.call(key).as(String.class);
        }
    }

    /**
     * Polls until {@code condition} holds. The bound only turns a hang (a deadlock, a stop that never
     * arrives) into a failure; nothing is asserted about how long it took.
     */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting after 60 s for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
