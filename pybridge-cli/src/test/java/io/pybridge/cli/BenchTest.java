package io.pybridge.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pybridge bench} on the shared interpreter, with small counts: its output, not its figures. */
class BenchTest {

    @Test
    void printsEachOperationInNanosecondsAndPointsToTheRealBenchmarks() {
        CliRun.Result result = CliRun.inProcess("bench", "--count", "2000", "--rounds", "3");
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        String out = result.out();
        assertTrue(out.startsWith("Quick check, not a benchmark: 3 rounds of 2000 operations"), out);
        assertTrue(out.contains("benchmarks/run.sh"), out);
        Pattern figure = Pattern.compile("(?m)^  (.+?) +(\\d+\\.\\d) ns/op  \\(best (\\d+\\.\\d)\\)$");
        Matcher matcher = figure.matcher(out);
        List<String> labels = new ArrayList<>();
        while (matcher.find()) {
            labels.add(matcher.group(1));
            double median = Double.parseDouble(matcher.group(2));
            double best = Double.parseDouble(matcher.group(3));
            assertTrue(best > 0 && best <= median, matcher.group());
        }
        assertEquals(List.of("withGil, empty body", "call builtin abs(-7) -> long (GIL held)",
                "str round trip, 32 chars (GIL held)"), labels, out);
    }
}
