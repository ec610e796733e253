package io.pybridge.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * CPython's own regression tests, run inside the embedded interpreter (Debian's {@code python3.11},
 * in a child JVM) and by the same interpreter standalone, compared test by test. A test that fails only
 * embedded fails its module unless {@code known-differences.txt} gives the reason. Skipped, with the
 * reason printed, when Debian's {@code python3.11} or {@code libpython3.11-testsuite} is not installed.
 */
class CpythonParityTest {
    /** Debian's Python 3.11; {@code -Dpybridge.parity.cpython} names another 3.11 laid out the same way. */
    static final Path PYTHON = Path.of(System.getProperty("pybridge.parity.cpython", "/usr/bin/python3.11"));
    /**
     * A file of {@code libpython3.11-testsuite} ({@code <prefix>/lib/python3.11/test/test_json}): the test
     * modules are not in the standard library's package.
     */
    static final Path TESTSUITE_MARKER = PYTHON.toAbsolutePath().getParent().resolveSibling("lib")
            .resolve("python3.11/test/test_json/__init__.py");
    private static final String MODULES = "/parity/cpython-modules.txt";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private static final ParityReport REPORT = new ParityReport(
            "CPython 3.11 regression tests: embedded (Debian's python3.11 through PyBridge) vs standalone",
            "module",
            "Seconds: each side's process, start-up included (the embedded side starts a JVM and the interpreter); "
                    + "both sides run at the same time. Outcome counts are per test case: passed includes expected "
                    + "failures, failed includes errors, a module that could not be imported is one error.");
    private static KnownDifferences known;

    /** One line of {@code cpython-modules.txt}: a module and, optionally, its own timeout. */
    record Module(String name, Duration timeout) {
        static Module parse(String line) {
            String[] parts = line.strip().split("\\s+");
            Duration timeout = DEFAULT_TIMEOUT;
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].startsWith("timeout=")) {
                    throw new IllegalArgumentException(MODULES + ": unknown option " + parts[i] + " in: " + line);
                }
                timeout = Duration.ofSeconds(Long.parseLong(parts[i].substring("timeout=".length())));
            }
            return new Module(parts[0], timeout);
        }

        List<String> driverArgs() {
            return List.of("unittest", name);
        }
    }

    static List<Module> modules() throws IOException {
        try (InputStream in = Objects.requireNonNull(CpythonParityTest.class.getResourceAsStream(MODULES), MODULES)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
                    .map(Module::parse).toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> cpythonTestModules() throws IOException {
        String missing = !Files.isExecutable(PYTHON)
                ? PYTHON + " is not installed (Debian package python3.11)"
                : !Files.exists(TESTSUITE_MARKER)
                ? "CPython's test suite is not installed (Debian package libpython3.11-testsuite; no " + TESTSUITE_MARKER + ")"
                : null;
        if (missing != null) {
            return skipped("CPython standalone-parity suite SKIPPED: " + missing + ". .ci/run installs it.");
        }
        known = KnownDifferences.load();
        Path outputDir = ParityRun.outputDir("cpython");
        RuntimeUnderTest runtime = new RuntimeUnderTest(PYTHON.toString(), PYTHON, Map.of());
        REPORT.setting("Interpreter: " + PYTHON + ", embedded through Python.builder().executable() and run "
                + "standalone; " + Runtime.getRuntime().availableProcessors() + " CPUs.");
        return modules().stream().filter(module -> ParityRun.selected(module.name())).map(module ->
                DynamicTest.dynamicTest(module.name(), () -> {
                    Comparison comparison = ParityRun.run(module.name(), runtime, module.driverArgs(),
                            module.timeout(), outputDir, known);
                    REPORT.add(comparison);
                    ParityRun.check(module.name(), comparison);
                }));
    }

    /** One test, reported as skipped with {@code message}, which is also printed where the build log shows it. */
    static Stream<DynamicTest> skipped(String message) {
        System.out.println("[WARNING] " + message);
        return Stream.of(DynamicTest.dynamicTest("prerequisites", () -> Assumptions.abort(message)));
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (known != null) {
            REPORT.finish(known, id -> id.startsWith("test."), "cpython.md");
        }
    }
}
