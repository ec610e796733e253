package io.pybridge.conformance;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison rules on recorded runs made up here, no process involved. */
class ComparisonTest {

    private static SideRun side(String name, int exitCode, boolean ended, String unfinished, Object... idsAndOutcomes) {
        Map<String, CaseResult> results = new LinkedHashMap<>();
        for (int i = 0; i < idsAndOutcomes.length; i += 2) {
            results.put((String) idsAndOutcomes[i], new CaseResult((Outcome) idsAndOutcomes[i + 1], 0.1, "detail"));
        }
        RecordedRun recorded = new RecordedRun(results, Optional.ofNullable(unfinished), ended, Map.of());
        return new SideRun(name, recorded, exitCode, false, Duration.ofSeconds(1), Path.of(name + ".log"));
    }

    @Test
    void onlyFailuresThatHappenOnlyEmbeddedAreDifferences() {
        SideRun standalone = side("standalone", 0, true, null,
                "a", Outcome.PASS, "b", Outcome.FAIL, "c", Outcome.SKIP, "d", Outcome.PASS, "e", Outcome.FAIL);
        SideRun embedded = side("embedded", 0, true, null,
                "a", Outcome.ERROR, "b", Outcome.FAIL, "c", Outcome.FAIL, "d", Outcome.SKIP, "e", Outcome.PASS);

        Comparison comparison = Comparison.of("unit", standalone, embedded, KnownDifferences.parse("c  reason"));

        assertEquals(List.of("a", "c"), comparison.differences().stream().map(Comparison.Difference::id).toList());
        assertEquals(List.of("a"), comparison.unlisted().stream().map(Comparison.Difference::id).toList());
        assertEquals(1, comparison.failures().size());
        assertEquals(1, comparison.skippedOnlyEmbedded().size());
        assertTrue(comparison.skippedOnlyEmbedded().getFirst().startsWith("d: "), comparison.skippedOnlyEmbedded()::toString);
        assertEquals(List.of("e: fail standalone, pass embedded"), comparison.failedOnlyStandalone());
    }

    @Test
    void aTestThatDidNotRunEmbeddedIsADifference() {
        SideRun standalone = side("standalone", 0, true, null, "a", Outcome.PASS, "b", Outcome.PASS);
        SideRun embedded = side("embedded", 0, true, null, "a", Outcome.PASS);

        Comparison comparison = Comparison.of("unit", standalone, embedded, KnownDifferences.parse(""));

        assertEquals(1, comparison.failures().size());
        assertTrue(comparison.failures().getFirst().startsWith("b: did not run embedded, pass standalone"),
                comparison.failures().getFirst());
    }

    @Test
    void aCrashNamesTheUnfinishedTestAndFails() {
        SideRun standalone = side("standalone", 0, true, null, "a", Outcome.PASS, "b", Outcome.PASS, "c", Outcome.PASS);
        SideRun embedded = side("embedded", 134, false, "b", "a", Outcome.PASS);

        Comparison comparison = Comparison.of("unit", standalone, embedded, KnownDifferences.parse(""));

        assertEquals(List.of("b"), comparison.differences().stream().map(Comparison.Difference::id).toList(),
                "the test running at the crash; those never started are covered by the crash itself");
        assertTrue(comparison.failures().getFirst().startsWith("embedded run crashed (exit status 134) during b"),
                comparison.failures().getFirst());
    }

    @Test
    void listedTestsThatNoLongerDifferAreReported() {
        SideRun standalone = side("standalone", 0, true, null, "a", Outcome.PASS);
        SideRun embedded = side("embedded", 0, true, null, "a", Outcome.PASS);

        Comparison comparison = Comparison.of("unit", standalone, embedded, KnownDifferences.parse("a  bug: fixed now"));

        assertEquals(List.of(), comparison.failures());
        assertEquals(List.of("a"), List.copyOf(comparison.listedWithoutDifference()));
    }

    @Test
    void theListNeedsAReasonOnEachLineAndEachIdOnce() {
        assertThrows(IllegalArgumentException.class, () -> KnownDifferences.parse("test.x.Y.test_z\n"));
        assertThrows(IllegalArgumentException.class, () -> KnownDifferences.parse("a  one\na  two\n"));
        KnownDifferences known = KnownDifferences.parse("# comment\n\n  a   main thread: why  \n");
        assertEquals("main thread: why", known.reason("a"));
    }

    @Test
    void driverLinesAreReadWithTheirEscapes() {
        Map<String, String> line = FlatJson.parse(
                "{\"event\": \"result\", \"id\": \"x\\\"y\", \"outcome\": \"fail\", \"seconds\": 0.25, "
                        + "\"detail\": \"line 1\\nline \\u00e9\\\\\", \"main\": true, \"none\": null}");
        assertEquals("x\"y", line.get("id"));
        assertEquals("0.25", line.get("seconds"));
        assertEquals("line 1\nline é\\", line.get("detail"));
        assertEquals("true", line.get("main"));
        assertTrue(line.containsKey("none") && line.get("none") == null);
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\": [1]}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\": \"torn"));
    }
}
