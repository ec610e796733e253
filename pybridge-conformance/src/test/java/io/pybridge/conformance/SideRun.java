package io.pybridge.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One side of a comparison, after its process exited or was killed: what the driver recorded, how the
 * process ended, how long it took and where its output was kept.
 *
 * @param side      "standalone" or "embedded"
 * @param recorded  the driver's results
 * @param exitCode  the process's exit status; -1 when it was killed after its timeout
 * @param timedOut  whether it was killed after its timeout
 * @param wall      from start to exit, process start-up included
 * @param log       the process's output (stdout and stderr)
 */
record SideRun(String side, RecordedRun recorded, int exitCode, boolean timedOut, Duration wall, Path log) {

    /** Why this run cannot be trusted in full: a hang, a crash, an early exit; empty when it ran to its end. */
    Optional<String> problem() {
        String during = recorded.unfinished().map(id -> " during " + id).orElse("");
        if (timedOut) {
            return Optional.of(side + " run hung" + during + " and was killed after " + wall.toSeconds() + " s");
        }
        if (exitCode != 0) {
            return Optional.of(side + " run " + (exitCode >= 128 ? "crashed" : "failed") + " (exit status " + exitCode
                    + ")" + during + (recorded.ended() ? " after all its tests ran, at exit" : ""));
        }
        if (!recorded.ended()) {
            return Optional.of(side + " run exited before the end of its tests" + during);
        }
        return Optional.empty();
    }
}
