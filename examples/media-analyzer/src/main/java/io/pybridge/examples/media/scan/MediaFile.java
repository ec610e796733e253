package io.pybridge.examples.media.scan;

import io.pybridge.examples.media.MediaFormat;
import io.pybridge.examples.media.MediaKind;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file whose content is media the analyzer reads.
 *
 * @param format from the file's first bytes, whatever its name says
 * @param kind   what it holds; a GIF with more than one frame is an animation
 * @param size   in bytes
 */
public record MediaFile(Path path, MediaFormat format, MediaKind kind, long size) {
    public MediaFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(kind, "kind");
        boolean consistent = kind == format.kind() || (format == MediaFormat.GIF && kind == MediaKind.ANIMATION);
        if (!consistent) {
            throw new IllegalArgumentException(format + " content cannot be " + kind);
        }
    }
}
