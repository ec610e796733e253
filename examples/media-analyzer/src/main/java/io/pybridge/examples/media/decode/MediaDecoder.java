package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.MediaDecodeException;
import io.pybridge.examples.media.MediaFormat;
import io.pybridge.examples.media.scan.MediaFile;

import java.lang.foreign.SegmentAllocator;

/**
 * Decodes a scanned file by its kind and format, and reports failure as a value: one bad file
 * never stops a run over a folder.
 */
public final class MediaDecoder {
    private MediaDecoder() {
    }

    /**
     * Audio becomes {@link DecodedAudio}, an image {@link DecodedImage} (a GIF's first frame), an
     * animation {@link DecodedAnimation}; memory comes from {@code allocator}.
     */
    public static DecodeResult decode(MediaFile file, SegmentAllocator allocator) {
        try {
            DecodedMedia media = switch (file.kind()) {
                case AUDIO -> WavDecoder.decode(file.path(), allocator);
                case IMAGE -> file.format() == MediaFormat.GIF
                        ? GifDecoder.decodeFirstFrame(file.path(), allocator)
                        : ImageDecoder.decode(file.path(), allocator);
                case ANIMATION -> GifDecoder.decode(file.path(), allocator);
            };
            return new DecodeResult.Decoded(file, media);
        } catch (MediaDecodeException e) {
            return new DecodeResult.Failed(file, e.reason(), e);
        } catch (RuntimeException e) { // a decoder bug must not end the run either; it is reported as such
            return new DecodeResult.Failed(file, "decoder failed unexpectedly: " + Failures.describe(e), e);
        }
    }
}
