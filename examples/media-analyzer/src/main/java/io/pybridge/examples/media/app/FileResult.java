package io.pybridge.examples.media.app;

import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.VideoAnalysis;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the analyzer found in one file; {@code error} is set, and the rest empty, when the file could
 * not be read or analyzed.
 */
public record FileResult(Path path, MediaKind kind, Optional<String> notes, Optional<VideoAnalysis> analysis,
                         float[] embedding, Optional<Path> nearest, double nearestSimilarity,
                         Optional<String> error, long millis) {

    static FileResult failed(Path path, MediaKind kind, String error, long millis) {
        return new FileResult(path, kind, Optional.empty(), Optional.empty(), new float[0], Optional.empty(), 0,
                Optional.of(error), millis);
    }

    FileResult withNearest(Path other, double similarity) {
        return new FileResult(path, kind, notes, analysis, embedding, Optional.of(other), similarity, error, millis);
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
