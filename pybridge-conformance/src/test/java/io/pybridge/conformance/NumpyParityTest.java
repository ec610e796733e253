package io.pybridge.conformance;

import io.pybridge.spi.BundledPython;
import io.pybridge.python.BundledRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * numpy's own tests (core and linalg, shipped in the {@code org.bytedeco} numpy jar) run with pytest
 * inside the bundled runtime (in a child JVM) and by the bundled runtime's own {@code python3}, compared
 * test by test. pytest comes from Debian's {@code python3-pytest}: the bundled runtime has none and PyPI
 * is out of reach; see {@link PytestSite}. Skipped, with the reason printed, when it is not installed.
 */
class NumpyParityTest {
    private static final String GROUPS = "/parity/numpy-tests.txt";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(240);

    private static final ParityReport REPORT = new ParityReport(
            "numpy's tests on the bundled runtime: embedded (PyBridge) vs standalone (its bin/python3)",
            "test file",
            "Seconds: the sum of the tests' own times (setup, call and teardown), per test file. Outcome counts "
                    + "are per test case (parametrized cases counted one by one): passed includes xfail and xpass, "
                    + "failed includes errors.");
    private static KnownDifferences known;

    /** One line of {@code numpy-tests.txt}. */
    record Group(String name, Duration timeout, List<String> deselected, List<String> paths) {
        static Group parse(String line) {
            String[] parts = line.strip().split("\\s+");
            Duration timeout = DEFAULT_TIMEOUT;
            List<String> deselected = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith("timeout=")) {
                    timeout = Duration.ofSeconds(Long.parseLong(parts[i].substring("timeout=".length())));
                } else if (parts[i].startsWith("deselect=")) {
                    deselected.add(parts[i].substring("deselect=".length()));
                } else {
                    paths.add(parts[i]);
                }
            }
            return new Group(parts[0], timeout, List.copyOf(deselected), List.copyOf(paths));
        }

        /**
         * pytest quiet, without its cache (it would write into the runtime's tree) and without assertion
         * rewriting (Debian's pytest 7 rewrites with AST nodes Python 3.14 no longer has), numpy's fast
         * selection, the group's deselections, then its paths.
         */
        List<String> driverArgs(Path pytestSite) {
            List<String> args = new ArrayList<>(List.of("--path", pytestSite.toString(), "pytest", "--package", "numpy",
                    "-q", "-p", "no:cacheprovider", "--assert=plain", "-m", "not slow"));
            deselected.forEach(id -> args.add("--deselect=" + id));
            args.addAll(paths);
            return args;
        }
    }

    static List<Group> groups() throws IOException {
        try (InputStream in = Objects.requireNonNull(NumpyParityTest.class.getResourceAsStream(GROUPS), GROUPS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
                    .map(Group::parse).toList();
        }
    }

    /** The test file of a pytest node id ({@code linalg/tests/test_linalg.py::TestX::test_y[2]}). */
    static String fileOf(String nodeId) {
        int end = nodeId.indexOf("::");
        return end < 0 ? nodeId : nodeId.substring(0, end);
    }

    @TestFactory
    Stream<DynamicTest> numpyTestGroups() throws IOException {
        Optional<String> missing = PytestSite.missing();
        if (missing.isPresent()) {
            return CpythonParityTest.skipped("numpy standalone-parity suite SKIPPED: pytest is not available: "
                    + missing.get() + ". .ci/run installs it.");
        }
        known = KnownDifferences.load();
        BundledPython bundled = new BundledRuntime().unpack();
        RuntimeUnderTest runtime = new RuntimeUnderTest("bundled", bundled.executable(), bundled.probeEnvironment());
        Path outputDir = ParityRun.outputDir("numpy");
        Path site = PytestSite.create(outputDir.resolve("pytest-site"));
        REPORT.setting("Runtime: " + bundled.description() + "; embedded through Python.builder().bundled(), "
                + "standalone " + bundled.executable() + ". pytest " + PytestSite.pytestVersion()
                + " from Debian's python3-pytest; " + Runtime.getRuntime().availableProcessors() + " CPUs.");
        return groups().stream().filter(group -> ParityRun.selected(group.name())).map(group ->
                DynamicTest.dynamicTest(group.name(), () -> {
                    Comparison comparison = ParityRun.run(group.name(), runtime, group.driverArgs(site), group.timeout(),
                            outputDir, known);
                    REPORT.add(comparison, NumpyParityTest::fileOf);
                    ParityRun.check("numpy " + group.name(), comparison);
                }));
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (known != null) {
            REPORT.finish(known, id -> !id.startsWith("test."), "numpy.md");
        }
    }
}
