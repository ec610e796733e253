package io.pybridge.examples.media.samples;

import io.pybridge.examples.media.GifDisposal;

import java.util.Objects;

/**
 * One frame of a GIF to write: palette indices of a rectangle placed on the logical screen.
 *
 * @param indices     {@code width * height} palette indices, row by row
 * @param delayCentis how long the frame shows, in hundredths of a second
 */
public record GifFrame(int left, int top, int width, int height, byte[] indices, GifDisposal disposal, int delayCentis) {
    public GifFrame {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(disposal, "disposal");
        if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > 0xFFFF || top + height > 0xFFFF) {
            throw new IllegalArgumentException("frame rectangle " + width + "x" + height + " at (" + left + ", " + top + ") is invalid");
        }
        if (indices.length != width * height) {
            throw new IllegalArgumentException(width + "x" + height + " frame needs " + width * height + " indices, got " + indices.length);
        }
        if (delayCentis < 0 || delayCentis > 0xFFFF) {
            throw new IllegalArgumentException("delay " + delayCentis + " is outside 0..65535 centiseconds");
        }
    }
}
