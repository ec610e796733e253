package io.pybridge.internal.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real interpreters of this machine, and probes with their own cache for tests. */
final class TestPythons {

    private TestPythons() {
    }

    /** The first {@code name} on this process's PATH. */
    static Optional<Path> onPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path python3OnPath() {
        Optional<Path> python3 = onPath("python3");
        assumeTrue(python3.isPresent(), "python3 is on PATH");
        return python3.get();
    }

    static Path existing(String path) {
        Path file = Path.of(path);
        assumeTrue(Files.isExecutable(file), path + " exists on this machine");
        return file;
    }

    /** Runs real processes and counts them. */
    static final class CountingRunner implements ProcessRunner {
        private final ProcessRunner real = new BoundedProcessRunner(PythonProbe.MAX_STDOUT, PythonProbe.MAX_STDERR);
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public Result run(List<String> command, Map<String, String> extraEnvironment, Duration timeout)
                throws IOException, TimeoutException, InterruptedException {
            runs.incrementAndGet();
            return real.run(command, extraEnvironment, timeout);
        }
    }

    static PythonProbe probe(Path cacheDirectory, ProcessRunner runner, Duration timeout) {
        return new PythonProbe(new ProbeCache(Optional.of(cacheDirectory)), runner, timeout);
    }

    static PythonProbe probe(Path cacheDirectory) {
        return probe(cacheDirectory, new CountingRunner(), PythonProbe.DEFAULT_TIMEOUT);
    }

    /** Runs a command to its end, failing the test when it fails. */
    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
