package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.MediaDecodeException;

import java.nio.file.Path;

/** Sizes past which a file is refused rather than decoded (a few bytes can declare gigapixels). */
final class DecodeLimits {
    static final long MAX_PIXELS = 100_000_000L;
    static final long MAX_DECODED_BYTES = 1L << 30;

    private DecodeLimits() {
    }

    static void checkImage(Path path, long width, long height, long frames) throws MediaDecodeException {
        if (width <= 0 || height <= 0) {
            throw new MediaDecodeException(path, "image size " + width + "x" + height + " is invalid");
        }
        if (width * height > MAX_PIXELS) {
            throw new MediaDecodeException(path, "image is " + width + "x" + height + ", more than " + MAX_PIXELS + " pixels");
        }
        if (3 * width * height * frames > MAX_DECODED_BYTES) {
            throw new MediaDecodeException(path, frames + " frames of " + width + "x" + height
                    + " would take more than " + MAX_DECODED_BYTES + " bytes decoded");
        }
    }
}
