package io.pybridge.examples.media.app;

import io.pybridge.examples.media.scan.RejectedFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything one run found, and how long it took. */
public record AnalysisReport(Path folder, List<FileResult> results, List<RejectedFile> rejected, Duration elapsed,
                             int parallelism) {

    public long failures() {
        return results.stream().filter(r -> !r.ok()).count() + rejected.size();
    }

    public double filesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : results.size() / seconds;
    }
}
