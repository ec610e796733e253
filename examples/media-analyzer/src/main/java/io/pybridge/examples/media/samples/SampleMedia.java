package io.pybridge.examples.media.samples;

import io.pybridge.examples.media.MediaKind;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One generated sample file and what the analyzer should find in it.
 *
 * @param description   what the file holds, for people
 * @param expectedNotes for audio: the transcription, e.g. "A4 C#5 E5"
 * @param duplicateOf   for a near-duplicate: the file it copies (its nearest neighbour)
 * @param meme          whether it carries caption bands
 */
public record SampleMedia(Path path, MediaKind kind, String description, Optional<String> expectedNotes,
                          Optional<Path> duplicateOf, boolean meme) {
    public SampleMedia {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expectedNotes, "expectedNotes");
        Objects.requireNonNull(duplicateOf, "duplicateOf");
    }
}
