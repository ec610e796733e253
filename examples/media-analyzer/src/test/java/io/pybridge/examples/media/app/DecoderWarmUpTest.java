package io.pybridge.examples.media.app;

import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.decode.DecodeResult;
import io.pybridge.examples.media.decode.DecodedAnimation;
import io.pybridge.examples.media.decode.DecodedAudio;
import io.pybridge.examples.media.decode.DecodedImage;
import io.pybridge.examples.media.decode.DecodedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The decoder warm-up runs every decoder on a file it accepts, and leaves nothing behind. */
class DecoderWarmUpTest {

    @TempDir
    Path parent;

    @Test
    void everyFormatIsDecodedWithoutFailure() throws IOException {
        List<DecodeResult> results = DecoderWarmUp.run(parent);
        Map<MediaKind, Integer> kinds = new EnumMap<>(MediaKind.class);
        for (DecodeResult result : results) {
            DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, result, result::toString);
            kinds.merge(decoded.file().kind(), 1, Integer::sum);
            DecodedMedia media = decoded.media();
            switch (media) {
                case DecodedAudio audio -> assertEquals(8000, audio.shape()[0], decoded.file().toString());
                case DecodedImage image -> assertEquals(64, image.width(), decoded.file().toString());
                case DecodedAnimation animation -> assertEquals(9, animation.shape()[0], decoded.file().toString());
            }
        }
        // six WAV encodings; PNG, BMP, JPEG and a one-frame GIF; an animated GIF
        assertEquals(Map.of(MediaKind.AUDIO, 6, MediaKind.IMAGE, 4, MediaKind.ANIMATION, 1), kinds);
    }

    @Test
    void itsFolderIsDeleted() throws IOException {
        DecoderWarmUp.run(parent);
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
