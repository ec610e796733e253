package io.pybridge.examples.media.app;

import io.pybridge.examples.media.scan.RejectedFile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** The summary table for people, and the same results as JSON for programs. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void table(AnalysisReport report, PrintStream out) {
        out.printf("%-28s %-9s %7s  %s%n", "FILE", "KIND", "TIME", "RESULT");
        for (FileResult r : report.results()) {
            out.printf("%-28s %-9s %5dms  %s%n", clip(relative(report.folder(), r.path()), 28),
                    r.kind().name().toLowerCase(Locale.ROOT), r.millis(), describe(report.folder(), r));
        }
        for (RejectedFile rejected : report.rejected()) {
            out.printf("%-28s %-9s %7s  skipped: %s%n", clip(relative(report.folder(), rejected.path()), 28), "-", "",
                    rejected.reason());
        }
    }

    private static String describe(Path folder, FileResult r) {
        if (r.error().isPresent()) {
            return "error: " + r.error().get();
        }
        if (r.notes().isPresent()) {
            return "notes: " + (r.notes().get().isEmpty() ? "(none)" : r.notes().get());
        }
        StringBuilder text = new StringBuilder();
        r.analysis().ifPresent(a -> text.append(a.isMeme() ? "MEME " : "").append(a.description())
                .append(" [").append(String.join(", ", a.keywords())).append(']'));
        r.nearest().ifPresent(n -> text.append(String.format(Locale.ROOT, "; nearest %s (%.3f%s)", relative(folder, n),
                r.nearestSimilarity(), r.nearestSimilarity() >= MediaAnalyzer.DUPLICATE_SIMILARITY ? ", duplicate" : "")));
        return text.toString();
    }

    static void json(AnalysisReport report, PrintStream out) {
        String files = report.results().stream().map(r -> jsonObject(report.folder(), r))
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        String rejected = report.rejected().stream()
                .map(x -> "{\"file\": " + quote(relative(report.folder(), x.path())) + ", \"reason\": " + quote(x.reason()) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        out.printf(Locale.ROOT, "{%n  \"folder\": %s,%n  \"seconds\": %.3f,%n  \"threads\": %d,%n  \"files\": %s,%n"
                        + "  \"skipped\": %s%n}%n", quote(report.folder().toString()), report.elapsed().toNanos() / 1e9,
                report.parallelism(), files, rejected);
    }

    private static String jsonObject(Path folder, FileResult r) {
        StringBuilder o = new StringBuilder("{\"file\": ").append(quote(relative(folder, r.path())))
                .append(", \"kind\": ").append(quote(r.kind().name().toLowerCase(Locale.ROOT)))
                .append(", \"millis\": ").append(r.millis());
        r.error().ifPresent(e -> o.append(", \"error\": ").append(quote(e)));
        r.notes().ifPresent(n -> o.append(", \"notes\": ").append(quote(n)));
        r.analysis().ifPresent(a -> o.append(", \"description\": ").append(quote(a.description()))
                .append(", \"keywords\": ").append(a.keywords().stream().map(ReportPrinter::quote)
                        .collect(Collectors.joining(", ", "[", "]")))
                .append(", \"isMeme\": ").append(a.isMeme()));
        r.nearest().ifPresent(n -> o.append(", \"nearest\": ").append(quote(relative(folder, n)))
                .append(String.format(Locale.ROOT, ", \"similarity\": %.4f", r.nearestSimilarity())));
        if (r.embedding().length > 0) {
            o.append(", \"embeddingDim\": ").append(r.embedding().length);
        }
        return o.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String relative(Path folder, Path file) {
        return file.startsWith(folder) ? folder.relativize(file).toString() : file.toString();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }
}
