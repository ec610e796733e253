package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * The frames of an animation as the viewer sees them (each composited onto the logical screen),
 * RGB, 8 bits per channel: numpy shape {@code [frames, height, width, 3]}, uint8.
 *
 * @param delaysMillis how long each frame is shown, as the file says (0 when it does not)
 */
public record DecodedAnimation(MemorySegment data, int frameCount, int width, int height, List<Integer> delaysMillis)
        implements DecodedMedia {
    public DecodedAnimation {
        Objects.requireNonNull(data, "data");
        delaysMillis = List.copyOf(delaysMillis);
        if (frameCount <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException(frameCount + " frames of " + width + "x" + height + " must all be positive");
        }
        if (data.byteSize() != frameBytes(width, height) * frameCount) {
            throw new IllegalArgumentException(frameCount + " frames of " + width + "x" + height + " RGB need "
                    + frameBytes(width, height) * frameCount + " bytes, got " + data.byteSize());
        }
        if (delaysMillis.size() != frameCount) {
            throw new IllegalArgumentException(delaysMillis.size() + " delays for " + frameCount + " frames");
        }
    }

    @Override
    public long[] shape() {
        return new long[] {frameCount, height, width, 3};
    }

    /** Frame {@code index} as an image over the same memory (no copy). */
    public DecodedImage frame(int index) {
        Objects.checkIndex(index, frameCount);
        long size = frameBytes(width, height);
        return new DecodedImage(data.asSlice(size * index, size), width, height);
    }

    static long frameBytes(int width, int height) {
        return 3L * width * height;
    }
}
