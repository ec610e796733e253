package io.pybridge.examples.media.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pybridge.examples.media.scan.RejectedFile;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;

/** The summary table for people, and the same results as JSON for programs. */
final class ReportPrinter {
    private static final JsonMapper JSON = new JsonMapper();

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

    /** The report as JSON: the folder, the time and threads, one object per file, and the files skipped. */
    static void json(AnalysisReport report, PrintStream out) {
        ObjectNode root = JSON.createObjectNode()
                .put("folder", report.folder().toString())
                .put("seconds", BigDecimal.valueOf(report.elapsed().toNanos(), 9).setScale(3, RoundingMode.HALF_UP))
                .put("threads", report.parallelism());
        ArrayNode files = root.putArray("files");
        report.results().forEach(r -> files.add(fileObject(report.folder(), r)));
        ArrayNode skipped = root.putArray("skipped");
        report.rejected().forEach(x -> skipped.addObject()
                .put("file", relative(report.folder(), x.path()))
                .put("reason", x.reason()));
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode fileObject(Path folder, FileResult r) {
        ObjectNode o = JSON.createObjectNode()
                .put("file", relative(folder, r.path()))
                .put("kind", r.kind().name().toLowerCase(Locale.ROOT))
                .put("millis", r.millis());
        r.error().ifPresent(e -> o.put("error", e));
        r.notes().ifPresent(n -> o.put("notes", n));
        r.analysis().ifPresent(a -> {
            o.put("description", a.description());
            a.keywords().forEach(o.putArray("keywords")::add);
            o.put("isMeme", a.isMeme());
        });
        r.nearest().ifPresent(n -> o.put("nearest", relative(folder, n)).set("similarity", rounded(r.nearestSimilarity(), 4)));
        if (r.embedding().length > 0) {
            o.put("embeddingDim", r.embedding().length);
        }
        return o;
    }

    /** {@code value} with {@code decimals} digits after the point; NaN and the infinities as the strings JSON allows. */
    private static JsonNode rounded(double value, int decimals) {
        JsonNodeFactory nodes = JSON.getNodeFactory();
        return Double.isFinite(value)
                ? nodes.numberNode(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP))
                : nodes.numberNode(value);
    }

    private static String relative(Path folder, Path file) {
        return file.startsWith(folder) ? folder.relativize(file).toString() : file.toString();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }
}
