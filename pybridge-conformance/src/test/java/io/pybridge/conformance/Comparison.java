package io.pybridge.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One unit (a CPython test module, a group of numpy test files) run standalone and embedded, compared
 * test by test. A test that fails (or errors, or never ends) only when embedded is a difference; it is
 * allowed only when the documented list gives its reason.
 */
final class Comparison {

    /**
     * A test that failed only embedded, or ran only standalone.
     *
     * @param standalone its standalone outcome
     * @param embedded   its embedded outcome; null when it did not run embedded
     * @param reason     the documented reason, or null when it is not on the list
     */
    record Difference(String id, Outcome standalone, Outcome embedded, String detail, String reason) {
        boolean listed() {
            return reason != null;
        }

        String describe() {
            return id + ": " + (embedded == null ? "did not run" : embedded) + " embedded, " + standalone
                    + " standalone" + (listed() ? " (listed: " + reason + ")" : "");
        }
    }

    private final String unit;
    private final SideRun standalone;
    private final SideRun embedded;
    private final List<Difference> differences = new ArrayList<>();
    private final List<String> failedOnlyStandalone = new ArrayList<>();
    private final List<String> skippedOnlyEmbedded = new ArrayList<>();
    private final Set<String> listedWithoutDifference = new LinkedHashSet<>();

    private Comparison(String unit, SideRun standalone, SideRun embedded) {
        this.unit = unit;
        this.standalone = standalone;
        this.embedded = embedded;
    }

    static Comparison of(String unit, SideRun standalone, SideRun embedded, KnownDifferences known) {
        Comparison comparison = new Comparison(unit, standalone, embedded);
        Map<String, CaseResult> alone = standalone.recorded().resultsWithUnfinished();
        Map<String, CaseResult> inside = embedded.recorded().resultsWithUnfinished();
        boolean embeddedComplete = embedded.problem().isEmpty();
        for (Map.Entry<String, CaseResult> entry : inside.entrySet()) {
            String id = entry.getKey();
            CaseResult result = entry.getValue();
            CaseResult reference = alone.get(id);
            Outcome referenceOutcome = reference == null ? null : reference.outcome();
            if (result.outcome().failed() && (referenceOutcome == null || !referenceOutcome.failed())) {
                comparison.differences.add(new Difference(id, referenceOutcome, result.outcome(), result.detail(),
                        known.reason(id)));
            } else {
                if (known.reason(id) != null) {
                    comparison.listedWithoutDifference.add(id);
                }
                if (result.outcome() == Outcome.SKIP && referenceOutcome != null && referenceOutcome != Outcome.SKIP) {
                    comparison.skippedOnlyEmbedded.add(id + ": " + firstLine(result.detail()));
                }
            }
        }
        for (Map.Entry<String, CaseResult> entry : alone.entrySet()) {
            String id = entry.getKey();
            CaseResult reference = entry.getValue();
            CaseResult result = inside.get(id);
            if (reference.outcome().failed() && (result == null || !result.outcome().failed())) {
                comparison.failedOnlyStandalone.add(id + ": " + reference.outcome() + " standalone, "
                        + (result == null ? "did not run" : result.outcome()) + " embedded");
            }
            if (result == null && embeddedComplete) {
                comparison.differences.add(new Difference(id, reference.outcome(), null, "", known.reason(id)));
            }
        }
        return comparison;
    }

    String unit() {
        return unit;
    }

    SideRun standalone() {
        return standalone;
    }

    SideRun embedded() {
        return embedded;
    }

    /** Every embedded-only failure, listed or not. */
    List<Difference> differences() {
        return differences;
    }

    /** Embedded-only failures with no documented reason: each one fails the build. */
    List<Difference> unlisted() {
        return differences.stream().filter(d -> !d.listed()).toList();
    }

    /** Tests that failed standalone but not embedded: reported, not failed on. */
    List<String> failedOnlyStandalone() {
        return failedOnlyStandalone;
    }

    /** Tests skipped embedded that ran (or were expected to fail) standalone: reported, not failed on. */
    List<String> skippedOnlyEmbedded() {
        return skippedOnlyEmbedded;
    }

    /** Listed tests that ran here without failing only embedded: candidates to remove from the list. */
    Set<String> listedWithoutDifference() {
        return listedWithoutDifference;
    }

    /** Why this comparison fails the build: either side did not run to its end, or an unlisted difference. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        Optional<String> embeddedProblem = embedded.problem();
        embeddedProblem.ifPresent(problem -> failures.add(problem + " (output: " + embedded.log() + ")"));
        standalone.problem().ifPresent(problem -> failures.add(problem + " (output: " + standalone.log() + ")"));
        for (Difference difference : unlisted()) {
            failures.add(difference.describe() + indent(lastLines(difference.detail(), 12)));
        }
        return failures;
    }

    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    static String lastLines(String text, int count) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - count);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static String indent(String text) {
        return text.isBlank() ? "" : "\n      " + text.replace("\n", "\n      ");
    }
}
