package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.scan.MediaFile;

import java.util.Objects;

/** The outcome of decoding one file: its media, or why it could not be decoded. */
public sealed interface DecodeResult {
    MediaFile file();

    /** The file decoded. */
    record Decoded(MediaFile file, DecodedMedia media) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(media, "media");
        }
    }

    /** The file could not be decoded; {@code reason} says why, {@code cause} has the details. */
    record Failed(MediaFile file, String reason, Exception cause) implements DecodeResult {
        public Failed {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
