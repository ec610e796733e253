package io.pybridge.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The results of one suite as a table (per row: tests run, passed, failed and skipped standalone and
 * embedded, embedded-only failures, time) followed by every difference, printed and written as
 * Markdown for {@code docs/standalone-parity.md}.
 */
final class ParityReport {

    private record Counts(int run, int passed, int failed, int skipped, double seconds) {
        static Counts of(Iterable<CaseResult> results, double wallSeconds) {
            int run = 0;
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            double seconds = 0;
            for (CaseResult result : results) {
                run++;
                seconds += result.seconds();
                switch (result.outcome()) {
                    case PASS, XFAIL, XPASS -> passed++;
                    case FAIL, ERROR, UNFINISHED -> failed++;
                    case SKIP -> skipped++;
                }
            }
            return new Counts(run, passed, failed, skipped, wallSeconds >= 0 ? wallSeconds : seconds);
        }

        String cells() {
            return run + " | " + passed + " | " + failed + " | " + skipped + " | " + String.format(Locale.ROOT, "%.1f", seconds);
        }

        Counts plus(Counts other) {
            return new Counts(run + other.run, passed + other.passed, failed + other.failed, skipped + other.skipped,
                    seconds + other.seconds);
        }
    }

    private record Row(String label, Counts standalone, Counts embedded, int differences, int listed) {
    }

    private final String title;
    private final String rowHeading;
    private final String timeNote;
    private final List<Row> rows = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private String setting = "";

    /**
     * @param rowHeading what a row is ("module", "test file")
     * @param timeNote   what the seconds columns measure, written under the table
     */
    ParityReport(String title, String rowHeading, String timeNote) {
        this.title = title;
        this.rowHeading = rowHeading;
        this.timeNote = timeNote;
    }

    /** Says what ran (interpreter, versions, machine), written under the title. */
    synchronized void setting(String description) {
        this.setting = description;
    }

    /** Adds one row for the whole comparison, timed by each side's process wall time. */
    synchronized void add(Comparison comparison) {
        comparisons.add(comparison);
        rows.add(row(comparison.unit(), comparison, id -> true,
                comparison.standalone().wall().toMillis() / 1000.0, comparison.embedded().wall().toMillis() / 1000.0));
    }

    /** Adds one row per value of {@code rowOf(test id)}, timed by the sum of the tests' own times. */
    synchronized void add(Comparison comparison, Function<String, String> rowOf) {
        comparisons.add(comparison);
        Set<String> labels = new TreeSet<>();
        comparison.standalone().recorded().resultsWithUnfinished().keySet().forEach(id -> labels.add(rowOf.apply(id)));
        comparison.embedded().recorded().resultsWithUnfinished().keySet().forEach(id -> labels.add(rowOf.apply(id)));
        for (String label : labels) {
            rows.add(row(label, comparison, id -> rowOf.apply(id).equals(label), -1, -1));
        }
    }

    private static Row row(String label, Comparison comparison, java.util.function.Predicate<String> inRow,
                           double standaloneWall, double embeddedWall) {
        Counts standalone = Counts.of(select(comparison.standalone(), inRow), standaloneWall);
        Counts embedded = Counts.of(select(comparison.embedded(), inRow), embeddedWall);
        List<Comparison.Difference> differences = comparison.differences().stream().filter(d -> inRow.test(d.id())).toList();
        int listed = (int) differences.stream().filter(Comparison.Difference::listed).count();
        return new Row(label, standalone, embedded, differences.size(), listed);
    }

    private static List<CaseResult> select(SideRun side, java.util.function.Predicate<String> inRow) {
        List<CaseResult> selected = new ArrayList<>();
        side.recorded().resultsWithUnfinished().forEach((id, result) -> {
            if (inRow.test(id)) {
                selected.add(result);
            }
        });
        return selected;
    }

    synchronized String markdown(KnownDifferences known) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n");
        if (!setting.isEmpty()) {
            out.append(setting).append("\n\n");
        }
        out.append("Python: embedded ").append(versions(comparisons, Comparison::embedded)).append(", standalone ")
                .append(versions(comparisons, Comparison::standalone)).append(".\n\n");
        out.append("| ").append(rowHeading).append(" | standalone: run | passed | failed | skipped | s "
                + "| embedded: run | passed | failed | skipped | s | embedded-only failures (listed) |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Counts totalStandalone = new Counts(0, 0, 0, 0, 0);
        Counts totalEmbedded = new Counts(0, 0, 0, 0, 0);
        int totalDifferences = 0;
        int totalListed = 0;
        for (Row row : rows) {
            out.append("| ").append(row.label()).append(" | ").append(row.standalone().cells()).append(" | ")
                    .append(row.embedded().cells()).append(" | ").append(row.differences()).append(" (")
                    .append(row.listed()).append(") |\n");
            totalStandalone = totalStandalone.plus(row.standalone());
            totalEmbedded = totalEmbedded.plus(row.embedded());
            totalDifferences += row.differences();
            totalListed += row.listed();
        }
        out.append("| **total** | ").append(totalStandalone.cells()).append(" | ").append(totalEmbedded.cells())
                .append(" | ").append(totalDifferences).append(" (").append(totalListed).append(") |\n\n");
        out.append(timeNote).append("\n");

        section(out, "Runs that did not reach their end", comparisons.stream()
                .flatMap(c -> java.util.stream.Stream.concat(c.embedded().problem().stream(), c.standalone().problem().stream())
                        .map(p -> c.unit() + ": " + p)).toList());
        section(out, "Embedded-only failures", comparisons.stream().flatMap(c -> c.differences().stream())
                .map(d -> d.describe() + (d.listed() ? "" : "  **NOT LISTED**")).toList());
        section(out, "Failed only standalone (not a build failure)",
                comparisons.stream().flatMap(c -> c.failedOnlyStandalone().stream()).toList());
        section(out, "Skipped only embedded (not a build failure)",
                comparisons.stream().flatMap(c -> c.skippedOnlyEmbedded().stream()).toList());
        section(out, "Listed, but ran here without an embedded-only failure (remove them from the list once fixed)",
                comparisons.stream().flatMap(c -> c.listedWithoutDifference().stream())
                        .map(id -> id + "  (" + known.reason(id) + ")").toList());
        return out.toString();
    }

    private static String versions(List<Comparison> comparisons, Function<Comparison, SideRun> side) {
        return String.join(" / ", comparisons.stream()
                .map(c -> side.apply(c).recorded().session().getOrDefault("python", "?"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    /**
     * Prints the report, with the listed test ids of this suite ({@code ofThisSuite}) that no run recorded
     * (stale or mistyped entries), and writes it to {@code <reports>/<fileName>}.
     */
    void finish(KnownDifferences known, java.util.function.Predicate<String> ofThisSuite, String fileName)
            throws IOException {
        String markdown = markdown(known);
        Set<String> seen = new java.util.HashSet<>();
        synchronized (this) {
            for (Comparison comparison : comparisons) {
                seen.addAll(comparison.standalone().recorded().resultsWithUnfinished().keySet());
                seen.addAll(comparison.embedded().recorded().resultsWithUnfinished().keySet());
            }
        }
        List<String> neverRun = known.ids().stream().filter(ofThisSuite).filter(id -> !seen.contains(id)).toList();
        StringBuilder out = new StringBuilder(markdown);
        if (System.getProperty("pybridge.parity.only", "").isBlank()) {   // with a selection, most are not run
            section(out, "Listed, but no run recorded them", neverRun);
        }
        Path dir = Path.of(System.getProperty("pybridge.parity.reports", "target/parity"));
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.println(out);
        System.out.println("[parity] written to " + file);
    }

    private static void section(StringBuilder out, String heading, List<String> lines) {
        out.append("\n### ").append(heading).append(" (").append(lines.size()).append(")\n\n");
        if (lines.isEmpty()) {
            out.append("none\n");
        }
        for (String line : lines) {
            out.append("- ").append(line.replace("\n", " ")).append('\n');
        }
    }

}
