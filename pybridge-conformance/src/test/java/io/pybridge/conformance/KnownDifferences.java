package io.pybridge.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The documented list of tests allowed to fail only when embedded: one line per test id, then the
 * reason ({@code test.test_x.Case.test_y  signal.signal() works only in the main thread}). A reason
 * that begins with {@code bug:} names a PyBridge defect still to fix; the entry goes when it is fixed.
 * Blank lines and lines starting with {@code #} are comments.
 */
final class KnownDifferences {
    static final String RESOURCE = "/parity/known-differences.txt";

    private final Map<String, String> reasons;

    private KnownDifferences(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    static KnownDifferences load() throws IOException {
        try (InputStream in = Objects.requireNonNull(KnownDifferences.class.getResourceAsStream(RESOURCE),
                RESOURCE + " is missing from the test class path")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static KnownDifferences parse(String text) {
        Map<String, String> reasons = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split("\\s+", 2);
            if (parts.length < 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": a test id and a reason expected: " + entry);
            }
            if (reasons.put(parts[0], parts[1].strip()) != null) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + parts[0] + " is listed twice");
            }
        }
        return new KnownDifferences(reasons);
    }

    /** The documented reason this test may fail only when embedded, or null when it may not. */
    String reason(String testId) {
        return reasons.get(testId);
    }

    /** Every listed test id. */
    java.util.Set<String> ids() {
        return reasons.keySet();
    }
}
