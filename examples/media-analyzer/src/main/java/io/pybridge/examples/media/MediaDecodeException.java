package io.pybridge.examples.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A media file that could not be decoded: missing, unreadable, truncated, corrupt, unsupported
 * or too large. The message names the file and says what was wrong with it.
 */
public class MediaDecodeException extends IOException {
    private final transient Path path;
    private final String reason;

    public MediaDecodeException(Path path, String reason) {
        this(path, reason, null);
    }

    public MediaDecodeException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = Objects.requireNonNull(path, "path");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The file that failed. */
    public Path path() {
        return path;
    }

    /** What was wrong, without the file name: "WAV chunk 'data' declares 4096 bytes but only 100 remain". */
    public String reason() {
        return reason;
    }
}
