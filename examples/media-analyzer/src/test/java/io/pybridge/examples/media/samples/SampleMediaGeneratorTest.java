package io.pybridge.examples.media.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.decode.DecodedImage;
import io.pybridge.examples.media.decode.ImageDecoder;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleMediaGeneratorTest {
    @TempDir
    Path root;

    @Test
    void describesWhatItWrote() throws IOException {
        List<SampleMedia> samples = SampleMediaGenerator.generate(root.resolve("new/folder"));
        assertEquals(9, samples.size());
        for (SampleMedia sample : samples) {
            assertTrue(Files.size(sample.path()) > 0, sample.toString());
            assertEquals(sample.kind() == MediaKind.AUDIO, sample.expectedNotes().isPresent(), sample.toString());
        }
        assertEquals(List.of("A4 C#5 E5", "C4 D4 E4 F4 G4", "E3 G#3 B3 E4", "G5 E5 C5"),
                samples.stream().flatMap(sample -> sample.expectedNotes().stream()).toList());
        SampleMedia copy = samples.stream().filter(sample -> sample.duplicateOf().isPresent()).findFirst().orElseThrow();
        assertEquals(Optional.of(root.resolve("new/folder/sunset.png")), copy.duplicateOf());
        assertEquals(1, samples.stream().filter(SampleMedia::meme).count());
        assertEquals(1, samples.stream().filter(sample -> sample.kind() == MediaKind.ANIMATION).count());
    }

    @Test
    void writesTheSameBytesEveryTime() throws IOException {
        List<SampleMedia> first = SampleMediaGenerator.generate(root.resolve("one"));
        List<SampleMedia> second = SampleMediaGenerator.generate(root.resolve("two"));
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(Files.readAllBytes(first.get(i).path()), Files.readAllBytes(second.get(i).path()),
                    first.get(i).path().getFileName().toString());
        }
    }

    @Test
    void theNoisyCopyIsCloseToItsOriginalButNotEqual() throws IOException {
        SampleMediaGenerator.generate(root);
        try (Arena arena = Arena.ofConfined()) {
            byte[] original = ImageDecoder.decode(root.resolve("sunset.png"), arena).toByteArray();
            byte[] copy = ImageDecoder.decode(root.resolve("sunset-noisy-copy.jpg"), arena).toByteArray();
            double difference = 0;
            for (int i = 0; i < original.length; i++) {
                difference += Math.abs((original[i] & 0xFF) - (copy[i] & 0xFF));
            }
            difference /= original.length;
            assertTrue(difference > 1 && difference < 8, "mean difference " + difference);
        }
    }

    @Test
    void theMemeHasUniformBandsWithDarkTextAboveAndBelowThePicture() throws IOException {
        SampleMediaGenerator.generate(root);
        try (Arena arena = Arena.ofConfined()) {
            DecodedImage meme = ImageDecoder.decode(root.resolve("meme.png"), arena);
            for (int band : new int[] {0, meme.height() - 48}) {
                int white = 0;
                int black = 0;
                for (int y = band; y < band + 48; y++) {
                    for (int x = 0; x < meme.width(); x++) {
                        white += meme.rgb(x, y) == 0xFFFFFF ? 1 : 0;
                        black += meme.rgb(x, y) == 0x000000 ? 1 : 0;
                    }
                }
                assertEquals(48 * meme.width(), white + black, "the band at row " + band + " is only background and ink");
                assertTrue(black > 500 && black < white / 3, "text in the band at row " + band + ": " + black + " ink pixels");
            }
            for (int x = 0; x < meme.width(); x++) {
                assertEquals(0xFFFFFF, meme.rgb(x, 0), "a uniform margin above the text");
            }
        }
    }
}
