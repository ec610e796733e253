package io.pybridge.examples.media;

import java.util.List;
import java.util.Objects;

/**
 * What the Python side's {@code embedders.analyze} says about an image or a clip: a description
 * built from measured properties, keywords, and whether it looks like a caption meme.
 *
 * @param description one sentence, e.g. "Still 320x240 landscape image: bright, colourful, ..."
 * @param keywords    short words (size, brightness, dominant colours, "meme", ...), in order
 * @param isMeme      true when a caption band runs across the top or the bottom
 */
public record VideoAnalysis(String description, List<String> keywords, boolean isMeme) {
    public VideoAnalysis {
        Objects.requireNonNull(description, "description");
        keywords = List.copyOf(keywords);
    }
}
