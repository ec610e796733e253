package io.pybridge.examples.media.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.examples.media.MediaFormat;
import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.samples.SampleMedia;
import io.pybridge.examples.media.samples.SampleMediaGenerator;
import io.pybridge.examples.media.scan.FolderScan;
import io.pybridge.examples.media.scan.MediaFile;
import io.pybridge.examples.media.scan.MediaWalker;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDecoderTest {
    @TempDir
    Path root;

    @Test
    void everySampleDecodesToTheRightShape() throws IOException {
        List<SampleMedia> samples = SampleMediaGenerator.generate(root);
        try (Arena arena = Arena.ofConfined()) {
            Map<String, DecodedMedia> decoded = MediaWalker.scan(root).media().stream()
                    .map(file -> MediaDecoder.decode(file, arena))
                    .map(result -> assertInstanceOf(DecodeResult.Decoded.class, result, result.toString()))
                    .collect(Collectors.toMap(result -> result.file().path().getFileName().toString(), DecodeResult.Decoded::media));
            assertEquals(samples.size(), decoded.size());

            DecodedAudio tones = assertInstanceOf(DecodedAudio.class, decoded.get("tones-a-major.wav"));
            assertEquals(44100, tones.sampleRate());
            assertEquals(3 * Math.round(0.48 * 44100), tones.frameCount());
            DecodedAudio stereo = assertInstanceOf(DecodedAudio.class, decoded.get("scale-harmonic-stereo.wav"));
            assertEquals(2, stereo.sourceChannels());
            assertEquals(WavEncoding.PCM_24, stereo.sourceEncoding());

            assertArrayEquals(new long[] {240, 320, 3}, decoded.get("sunset.png").shape());
            assertArrayEquals(new long[] {240, 320, 3}, decoded.get("sunset-noisy-copy.jpg").shape());
            assertArrayEquals(new long[] {150, 200, 3}, decoded.get("shapes.bmp").shape());
            assertArrayEquals(new long[] {296, 320, 3}, decoded.get("meme.png").shape());
            assertArrayEquals(new long[] {12, 64, 96, 3}, decoded.get("bouncing-ball.gif").shape());
        }
    }

    @Test
    void corruptFilesBecomeFailuresAndTheRunGoesOn() throws IOException {
        SampleMediaGenerator.generate(root);
        for (String name : List.of("tones-a-major.wav", "sunset.png", "shapes.bmp", "bouncing-ball.gif", "sunset-noisy-copy.jpg")) {
            byte[] bytes = Files.readAllBytes(root.resolve(name));
            Files.write(root.resolve("cut-" + name), Arrays.copyOf(bytes, 60)); // the signature survives
        }
        FolderScan scan = MediaWalker.scan(root);
        try (Arena arena = Arena.ofConfined()) {
            List<DecodeResult> results = scan.media().stream().map(file -> MediaDecoder.decode(file, arena)).toList();
            Map<String, String> failures = results.stream()
                    .filter(result -> result instanceof DecodeResult.Failed)
                    .map(DecodeResult.Failed.class::cast)
                    .collect(Collectors.toMap(failed -> failed.file().path().getFileName().toString(), DecodeResult.Failed::reason));
            assertEquals(9, results.size() - failures.size(), "every intact sample still decodes");
            assertEquals(5, failures.size(), failures.toString());
            assertTrue(failures.get("cut-tones-a-major.wav").contains("truncated file"), failures.toString());
            assertTrue(failures.get("cut-bouncing-ball.gif").startsWith("GIF is truncated"), failures.toString());
            failures.forEach((name, reason) -> assertTrue(!reason.isBlank(), name));
        }
    }

    @Test
    void aFileThatVanishedAfterTheScanIsAFailure() throws IOException {
        Path gone = root.resolve("gone.wav");
        MediaFile file = new MediaFile(gone, MediaFormat.WAV, MediaKind.AUDIO, 100);
        try (Arena arena = Arena.ofConfined()) {
            DecodeResult.Failed failed = assertInstanceOf(DecodeResult.Failed.class, MediaDecoder.decode(file, arena));
            assertEquals("file does not exist", failed.reason());
            assertEquals(file, failed.file());
        }
    }
}
