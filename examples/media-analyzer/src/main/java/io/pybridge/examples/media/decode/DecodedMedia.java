package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;

/**
 * Decoded media in off-heap memory from the caller's allocator, laid out as a C-contiguous
 * array so that it can become a numpy array without a copy: {@code NDArray.wrap(data(), dtype, shape())}.
 * The memory lives as long as the caller's arena.
 */
public sealed interface DecodedMedia permits DecodedAudio, DecodedImage, DecodedAnimation {
    /** The samples or pixels. */
    MemorySegment data();

    /** The array's shape, outermost dimension first. */
    long[] shape();
}
