package io.pybridge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs one unit on both sides with the same driver and arguments, then compares them. The two sides run
 * at the same time (most of the suites' time is spent waiting: sleeps, timeouts, child processes), unless
 * {@code -Dpybridge.parity.sequential=true}.
 */
final class ParityRun {
    private static final boolean SEQUENTIAL = Boolean.getBoolean("pybridge.parity.sequential");

    private ParityRun() {
    }

    /**
     * Whether {@code -Dpybridge.parity.only} (comma-separated unit names, for working on one module) selects
     * this unit; every unit when it is not set.
     */
    static boolean selected(String unit) {
        String only = System.getProperty("pybridge.parity.only", "");
        return only.isBlank() || java.util.Arrays.asList(only.split(",")).contains(unit);
    }

    /** The folder holding {@code parity_runner.py} on the test class path. */
    static Path driverDir() {
        try {
            return Path.of(ParityRun.class.getResource("/parity/parity_runner.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where each unit's results and output are kept: {@code <reports>/<suite>/}. */
    static Path outputDir(String suite) throws IOException {
        Path dir = Path.of(System.getProperty("pybridge.parity.reports", "target/parity")).resolve(suite);
        Files.createDirectories(dir);
        return dir;
    }

    static Comparison run(String unit, RuntimeUnderTest runtime, List<String> driverArgs, Duration timeout,
                          Path outputDir, KnownDifferences known) throws IOException, InterruptedException {
        Path driverDir = driverDir();
        String file = unit.replaceAll("[^A-Za-z0-9_.-]", "_");
        CompletableFuture<SideRun> standalone = CompletableFuture.supplyAsync(() -> {
            try {
                return Sides.standalone(runtime, driverDir, driverArgs, outputDir.resolve(file + ".standalone.jsonl"),
                        outputDir.resolve(file + ".standalone.log"), timeout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, command -> Thread.ofPlatform().name("parity-standalone-" + file).start(command));
        if (SEQUENTIAL) {
            join(standalone);
        }
        SideRun embedded = Sides.embedded(unit, runtime, driverDir, driverArgs,
                outputDir.resolve(file + ".embedded.jsonl"), outputDir.resolve(file + ".embedded.log"), timeout);
        return Comparison.of(unit, join(standalone), embedded, known);
    }

    /**
     * Prints one line about the comparison and fails the test, naming {@code label} and every problem,
     * when either side did not run to its end or a test failed only embedded without a listed reason.
     */
    static void check(String label, Comparison comparison) {
        System.out.printf("[parity] %-30s standalone %5.1f s, embedded %5.1f s, embedded-only failures %d (%d listed)%n",
                label, comparison.standalone().wall().toMillis() / 1000.0, comparison.embedded().wall().toMillis() / 1000.0,
                comparison.differences().size(), comparison.differences().size() - comparison.unlisted().size());
        List<String> failures = comparison.failures();
        if (!failures.isEmpty()) {
            throw new AssertionError(label + ": " + failures.size() + " problem(s) when embedded:\n  - "
                    + String.join("\n  - ", failures));
        }
    }

    private static SideRun join(CompletableFuture<SideRun> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
