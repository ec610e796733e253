package io.pybridge.conformance;

import io.pybridge.spi.BundledPython;
import io.pybridge.python.BundledRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness on small fixture suites ({@code parity/selftest/}), run for real on both sides with the
 * bundled runtime: an embedded-only failure fails unless listed, and an embedded crash or hang is a
 * failure naming the test it happened in, never a skip.
 */
class HarnessSelfTest {
    private static RuntimeUnderTest runtime;
    private static Path output;

    @BeforeAll
    static void bundledRuntime() throws IOException {
        BundledPython bundled = new BundledRuntime().unpack();
        runtime = new RuntimeUnderTest("bundled", bundled.executable(), bundled.probeEnvironment());
        output = ParityRun.outputDir("selftest");
    }

    private static Comparison run(String module, Duration timeout, KnownDifferences known) throws Exception {
        List<String> args = List.of("--path", ParityRun.driverDir().resolve("selftest").toString(), "unittest", module);
        return ParityRun.run(module, runtime, args, timeout, output, known);
    }

    @Test
    void embeddedOnlyFailuresFailUnlessListed() throws Exception {
        Comparison comparison = run("parity_selftest", Duration.ofSeconds(120), KnownDifferences.parse(""));

        assertEquals(List.of("parity_selftest.SelfTest.test_fails_only_embedded",
                        "parity_selftest.SelfTest.test_subtest_fails_only_embedded"),
                comparison.differences().stream().map(Comparison.Difference::id).toList());
        assertEquals(2, comparison.failures().size(), () -> String.join("\n", comparison.failures()));
        assertTrue(comparison.failures().getFirst().contains("test_fails_only_embedded: fail embedded, pass standalone"),
                comparison.failures().getFirst());
        assertEquals(List.of(), comparison.failedOnlyStandalone(), "test_fails_everywhere fails on both sides: no difference");
        assertEquals(6, comparison.embedded().recorded().results().size());

        KnownDifferences listed = KnownDifferences.parse("""
                parity_selftest.SelfTest.test_fails_only_embedded  main thread: the fixture asserts it
                parity_selftest.SelfTest.test_subtest_fails_only_embedded  main thread: the fixture asserts it
                """);
        Comparison allowed = Comparison.of("parity_selftest", comparison.standalone(), comparison.embedded(), listed);
        assertEquals(List.of(), allowed.failures());
        assertEquals(2, allowed.differences().size());
    }

    @Test
    void anEmbeddedCrashFailsNamingTheTest() throws Exception {
        Comparison comparison = run("parity_selftest_crash", Duration.ofSeconds(120), KnownDifferences.parse(""));

        assertTrue(comparison.standalone().problem().isEmpty(), comparison.standalone().problem()::toString);
        String problem = comparison.embedded().problem().orElseThrow();
        assertTrue(problem.startsWith("embedded run crashed (exit status 134) during "
                + "parity_selftest_crash.CrashTest.test_aborts_when_embedded"), problem);
        assertFalse(comparison.failures().isEmpty());
    }

    @Test
    void anEmbeddedHangIsStoppedAndFailsNamingTheTest() throws Exception {
        Comparison comparison = run("parity_selftest_hang", Duration.ofSeconds(15), KnownDifferences.parse(""));

        assertTrue(comparison.standalone().problem().isEmpty(), comparison.standalone().problem()::toString);
        assertTrue(comparison.embedded().timedOut());
        String problem = comparison.embedded().problem().orElseThrow();
        assertTrue(problem.startsWith("embedded run hung during parity_selftest_hang.HangTest.test_hangs_when_embedded"),
                problem);
        assertFalse(comparison.failures().isEmpty());
    }
}
