package io.pybridge.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code parity_runner.py} wrote for one run: each test's result by test id, the test that began
 * but never ended (the one running when the process died), and whether the run reached its end.
 * A test id recorded twice (doctests of two modules with one name) is kept as {@code "id #2"}.
 */
record RecordedRun(Map<String, CaseResult> results, Optional<String> unfinished, boolean ended,
                   Map<String, String> session) {

    static final RecordedRun NOTHING = new RecordedRun(Map.of(), Optional.empty(), false, Map.of());

    static RecordedRun read(Path jsonLines) throws IOException {
        if (!Files.exists(jsonLines)) {
            return NOTHING;
        }
        Map<String, CaseResult> results = new LinkedHashMap<>();
        Map<String, String> session = Map.of();
        String running = null;
        boolean ended = false;
        for (String line : Files.readAllLines(jsonLines, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> record;
            try {
                record = FlatJson.parse(line);
            } catch (IllegalArgumentException torn) {
                continue;   // the last line of a process killed while writing it
            }
            switch (String.valueOf(record.get("event"))) {
                case "session" -> session = Collections.unmodifiableMap(record);
                case "begin" -> running = record.get("id");
                case "result" -> {
                    String id = record.get("id");
                    CaseResult result = new CaseResult(Outcome.parse(record.get("outcome")),
                            Double.parseDouble(record.getOrDefault("seconds", "0")),
                            record.getOrDefault("detail", ""));
                    String key = id;
                    for (int n = 2; results.containsKey(key); n++) {
                        key = id + " #" + n;
                    }
                    results.put(key, result);
                    if (id.equals(running)) {
                        running = null;
                    }
                }
                case "end" -> ended = true;
                default -> {
                    // other events (pytest's exit code) are informative only
                }
            }
        }
        return new RecordedRun(Collections.unmodifiableMap(results), Optional.ofNullable(running), ended, session);
    }

    /** The results with the unfinished test, if any, counted as {@link Outcome#UNFINISHED}. */
    Map<String, CaseResult> resultsWithUnfinished() {
        if (unfinished.isEmpty() || results.containsKey(unfinished.get())) {
            return results;
        }
        Map<String, CaseResult> all = new LinkedHashMap<>(results);
        all.put(unfinished.get(), new CaseResult(Outcome.UNFINISHED, 0, "the process died or hung during this test"));
        return all;
    }
}
