package io.pybridge.testing;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The running interpreter with {@code src/test/resources/python} on its path, and waiting helpers. */
public final class Fixtures {
    private static final List<String> MODULES = List.of("data_fixtures.py", "concurrency_fixtures.py", "crash_fixtures.py",
            "idiom_fixtures.py", "idioms_example.py");
    private static Path copied;

    private Fixtures() {
    }

    public static Python python() {
        Python python = Python.start();
        python.addModulePath(resourceDir());
        return python;
    }

    /**
     * The folder holding the Python fixture modules: the test resources folder, or a temporary copy
     * when the tests run from a jar (the core suite also runs against the bundled runtime from its
     * test jar).
     */
    public static synchronized Path resourceDir() {
        if (copied != null) {
            return copied;
        }
        URL first = Fixtures.class.getResource("/python/" + MODULES.getFirst());
        if (first == null) {
            throw new IllegalStateException("/python/" + MODULES.getFirst() + " is missing from the test class path");
        }
        try {
            if (first.getProtocol().equals("file")) {
                return Path.of(first.toURI()).getParent();
            }
            Path folder = Files.createTempDirectory("pybridge-fixtures");
            folder.toFile().deleteOnExit();
            for (String module : MODULES) {
                try (InputStream in = Fixtures.class.getResourceAsStream("/python/" + module)) {
                    Files.copy(in, folder.resolve(module), StandardCopyOption.REPLACE_EXISTING);
                }
                folder.resolve(module).toFile().deleteOnExit();
            }
            copied = folder;
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
