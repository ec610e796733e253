package io.pybridge.python;

import io.pybridge.spi.BundledPython;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers shared by the tests: runtimes on temporary cache folders, running the unpacked python3. */
final class TestRuntimes {
    private TestRuntimes() {
    }

    /** Counts unpacks; optionally fails after writing a number of files. */
    static final class CountingEvents implements UnpackEvents {
        final AtomicInteger unpacks = new AtomicInteger();
        final AtomicInteger files = new AtomicInteger();
        private final int failAfterFiles;

        CountingEvents() {
            this(Integer.MAX_VALUE);
        }

        CountingEvents(int failAfterFiles) {
            this.failAfterFiles = failAfterFiles;
        }

        @Override
        public void unpackStarted(Path target) {
            unpacks.incrementAndGet();
        }

        @Override
        public void fileWritten(Path file) throws IOException {
            if (files.incrementAndGet() >= failAfterFiles) {
                throw new IOException("simulated failure after " + failAfterFiles + " files (disk full)");
            }
        }
    }

    /**
     * The major.minor version of the cpython jar on the test class path ({@code 3.14} by default;
     * the version matrix runs these tests again with other jars).
     */
    static String pythonMajorMinor() {
        try (BundledArchives archives = BundledArchives.open(TestRuntimes.class.getClassLoader(),
                System.getProperty("os.name"), System.getProperty("os.arch"))) {
            return archives.pythonMajorMinor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard library's folder in the prefix, e.g. {@code lib/python3.14}. */
    static String stdlib() {
        return "lib/python" + pythonMajorMinor();
    }

    /** A runtime on {@code cacheFolder} that compiles the modules when it unpacks, as the real one does. */
    static BundledRuntime compilingRuntime(Path cacheFolder, UnpackEvents events) {
        return new BundledRuntime(List.of(new CachePlace(cacheFolder, "test", false)),
                TestRuntimes.class.getClassLoader(), events, true);
    }

    /** A runtime on {@code cacheFolder} whose unpacks leave the modules uncompiled, 6-8 s sooner. */
    static BundledRuntime runtime(Path cacheFolder, UnpackEvents events) {
        return new BundledRuntime(List.of(new CachePlace(cacheFolder, "test", false)),
                TestRuntimes.class.getClassLoader(), events, false);
    }

    static BundledRuntime runtime(Path cacheFolder) {
        return runtime(cacheFolder, UnpackEvents.NONE);
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the bundled {@code python3 -c code} with exactly {@code environment}, nothing inherited. */
    static Result python(BundledPython python, Map<String, String> environment, String code)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python.executable().toString(), "-c", code)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("python3 did not finish: " + output);
        }
        return new Result(process.exitValue(), output.strip());
    }

    /** Asserts that the cache folder holds the tree at {@code home} and its lock file, and nothing else. */
    static void assertOnlyTreeAndLock(Path cache, Path home) throws IOException {
        String name = home.getFileName().toString();
        assertEquals(List.of(name, name + ".lock"), names(cache),
                "the cache folder holds the tree and its lock file, nothing else");
    }

    /** The names in {@code folder}, sorted. */
    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
