package io.pybridge.examples.media.scan;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the scan could not take: unreadable, empty, or named like media without media inside.
 *
 * @param reason what was wrong, e.g. "named like a PNG file but its content is not a known media format"
 */
public record RejectedFile(Path path, String reason) {
    public RejectedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
