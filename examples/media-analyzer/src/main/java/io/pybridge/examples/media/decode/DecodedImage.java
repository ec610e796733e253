package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An RGB picture, 8 bits per channel, rows top to bottom: numpy shape {@code [height, width, 3]}, uint8.
 * Transparent pixels have been composited over white.
 */
public record DecodedImage(MemorySegment data, int width, int height) implements DecodedMedia {
    public DecodedImage {
        Objects.requireNonNull(data, "data");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " must be positive");
        }
        if (data.byteSize() != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + 3L * width * height
                    + " bytes, got " + data.byteSize());
        }
    }

    @Override
    public long[] shape() {
        return new long[] {height, width, 3};
    }

    /** The pixel at (x, y) as 0xRRGGBB. */
    public int rgb(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        long offset = 3L * ((long) y * width + x);
        return (data.get(ValueLayout.JAVA_BYTE, offset) & 0xFF) << 16
                | (data.get(ValueLayout.JAVA_BYTE, offset + 1) & 0xFF) << 8
                | data.get(ValueLayout.JAVA_BYTE, offset + 2) & 0xFF;
    }

    /** A heap copy of the bytes (for tests and small images). */
    public byte[] toByteArray() {
        return data.toArray(ValueLayout.JAVA_BYTE);
    }
}
