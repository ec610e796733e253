package io.pybridge.examples.media.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pybridge.Python;
import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.samples.SampleMedia;
import io.pybridge.examples.media.samples.SampleMediaGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole application on media whose right answers are known, through the real bridge. */
class MediaAnalyzerTest {
    @TempDir
    static Path folder;
    private static List<SampleMedia> samples;
    private static AnalysisReport report;
    private static List<long[]> loadProgress;
    private static List<long[]> analyzeProgress;

    @BeforeAll
    static void analyzeSamples() throws IOException, InterruptedException {
        samples = SampleMediaGenerator.generate(folder);
        Files.write(folder.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        MediaAnalyzer analyzer = new MediaAnalyzer(Python.start(), 4);
        List<long[]> loading = new java.util.concurrent.CopyOnWriteArrayList<>();
        analyzer.loadModels((done, total, message) -> loading.add(new long[] {done, total}));
        loadProgress = loading;
        List<long[]> analyzing = new java.util.concurrent.CopyOnWriteArrayList<>();
        report = analyzer.analyze(folder, (done, total, message) -> analyzing.add(new long[] {done, total}));
        analyzeProgress = analyzing;
        analyzer.unloadModels();
    }

    private static Map<Path, FileResult> byPath() {
        return report.results().stream().collect(Collectors.toMap(FileResult::path, Function.identity()));
    }

    @Test
    void generatedTonesComeOutAsTheirNotes() {
        for (SampleMedia sample : samples) {
            if (sample.expectedNotes().isPresent()) {
                FileResult result = byPath().get(sample.path());
                assertEquals(sample.expectedNotes().get(), result.notes().orElseThrow(), sample.path().toString());
            }
        }
    }

    @Test
    void aNoisyCopyHasItsOriginalAsNearestNeighbour() {
        for (SampleMedia sample : samples) {
            if (sample.duplicateOf().isPresent()) {
                FileResult copy = byPath().get(sample.path());
                assertEquals(sample.duplicateOf().get(), copy.nearest().orElseThrow(), sample.path().toString());
                assertTrue(copy.nearestSimilarity() >= MediaAnalyzer.DUPLICATE_SIMILARITY, "similarity " + copy.nearestSimilarity());
            }
        }
    }

    @Test
    void captionBandsMakeAMeme() {
        for (SampleMedia sample : samples) {
            if (sample.kind() != MediaKind.AUDIO) {
                FileResult result = byPath().get(sample.path());
                assertEquals(sample.meme(), result.analysis().orElseThrow().isMeme(), sample.path().toString());
                assertFalse(result.analysis().get().description().isBlank());
            }
        }
    }

    @Test
    void aCorruptFileIsReportedAndTheRunGoesOn() {
        boolean reported = report.results().stream().anyMatch(r -> r.path().getFileName().toString().equals("broken.png")
                && r.error().isPresent())
                || report.rejected().stream().anyMatch(r -> r.path().getFileName().toString().equals("broken.png"));
        assertTrue(reported, "broken.png is reported");
        assertEquals(samples.size(), report.results().stream().filter(FileResult::ok).count(), "every sample analyzed");
    }

    @Test
    void progressComesFromPythonAndFromTheWalk() {
        assertFalse(loadProgress.isEmpty(), "load_all_models reported progress through the Java callback");
        long[] last = loadProgress.getLast();
        assertEquals(last[1], last[0], "loading reached its total");
        assertEquals(report.results().size(), analyzeProgress.stream().mapToLong(p -> p[0]).max().orElse(-1));
    }

    @Test
    void jsonHoldsWhatTheReportFound() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportPrinter.json(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonNode json = new JsonMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(folder.toString(), json.get("folder").asText());
        assertEquals(report.results().size(), json.get("files").size());
        for (int i = 0; i < report.results().size(); i++) {
            FileResult result = report.results().get(i);
            JsonNode file = json.get("files").get(i);
            assertEquals(folder.relativize(result.path()).toString(), file.get("file").asText());
            assertEquals(result.kind().name().toLowerCase(java.util.Locale.ROOT), file.get("kind").asText());
            assertEquals(result.notes().orElse(null), file.has("notes") ? file.get("notes").asText() : null);
            assertEquals(result.error().orElse(null), file.has("error") ? file.get("error").asText() : null);
            if (result.nearest().isPresent()) {
                assertEquals(result.nearestSimilarity(), file.get("similarity").doubleValue(), 0.00005, "rounded to 4 places");
            }
        }
    }

    @Test
    void jsonAndTableNameEveryFile() {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ReportPrinter.json(report, new PrintStream(json, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ReportPrinter.table(report, new PrintStream(table, true, StandardCharsets.UTF_8));
        for (SampleMedia sample : samples) {
            String name = sample.path().getFileName().toString();
            assertTrue(json.toString(StandardCharsets.UTF_8).contains("\"" + name + "\""), name);
            assertTrue(table.toString(StandardCharsets.UTF_8).contains(name), name);
        }
    }
}
