package io.pybridge.examples.media.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.examples.media.GifDisposal;
import io.pybridge.examples.media.MediaDecodeException;
import io.pybridge.examples.media.samples.GifFrame;
import io.pybridge.examples.media.samples.GifWriter;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifDecoderTest {
    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;
    /** Red, green, blue, and a fourth entry that is transparent. */
    private static final IndexColorModel PALETTE = new IndexColorModel(2, 4,
            new byte[] {(byte) 255, 0, 0, 0}, new byte[] {0, (byte) 255, 0, 0}, new byte[] {0, 0, (byte) 255, 0}, 3);

    @TempDir
    Path folder;

    @Test
    void theAnimatedSampleShowsTheBallOverTheLandscapeEveryFrame() throws IOException {
        Path path = io.pybridge.examples.media.samples.SampleMediaGenerator.generate(folder).stream()
                .filter(sample -> sample.path().getFileName().toString().endsWith(".gif")).findFirst().orElseThrow().path();
        try (Arena arena = Arena.ofConfined()) {
            DecodedAnimation animation = GifDecoder.decode(path, arena);
            assertEquals(12, animation.frameCount());
            assertArrayEquals(new long[] {12, 64, 96, 3}, animation.shape());
            DecodedImage landscape = animation.frame(0);
            for (int i = 1; i < animation.frameCount(); i++) {
                DecodedImage frame = animation.frame(i);
                int ballPixels = 0;
                int changed = 0;
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 96; x++) {
                        ballPixels += frame.rgb(x, y) == 0xD32F2F ? 1 : 0;
                        changed += frame.rgb(x, y) != landscape.rgb(x, y) ? 1 : 0;
                    }
                }
                assertTrue(ballPixels > 40, "frame " + i + " shows the ball");
                assertTrue(changed <= 12 * 12, "frame " + i + ": only the ball differs from the landscape, " + changed + " pixels do");
            }
        }
    }

    private static GifFrame frame(int left, int top, int width, int height, int index, GifDisposal disposal) {
        byte[] indices = new byte[width * height];
        Arrays.fill(indices, (byte) index);
        return new GifFrame(left, top, width, height, indices, disposal, 5);
    }

    private Path gif(List<GifFrame> frames) throws IOException {
        Path path = folder.resolve("test.gif");
        GifWriter.write(path, PALETTE, frames);
        return path;
    }

    @Test
    void framesAreCompositedWithEveryDisposalMethod() throws IOException {
        GifFrame square = frame(1, 1, 2, 2, 2, GifDisposal.RESTORE_BACKGROUND); // blue
        square.indices()[0] = 3; // its top-left pixel is transparent
        Path path = gif(List.of(
                frame(0, 0, 8, 6, 0, GifDisposal.KEEP), // red screen
                square, // then cleared to transparent
                frame(6, 4, 1, 1, 1, GifDisposal.RESTORE_PREVIOUS), // green, then put back
                frame(0, 0, 1, 1, 2, GifDisposal.UNSPECIFIED)));
        try (Arena arena = Arena.ofConfined()) {
            DecodedAnimation animation = GifDecoder.decode(path, arena);
            assertEquals(4, animation.frameCount());
            assertArrayEquals(new long[] {4, 6, 8, 3}, animation.shape());
            assertEquals(List.of(50, 50, 50, 50), animation.delaysMillis());
            DecodedImage first = animation.frame(0);
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(RED, first.rgb(x, y));
                }
            }
            assertEquals(RED, animation.frame(1).rgb(1, 1), "a transparent pixel shows what is under it");
            assertEquals(BLUE, animation.frame(1).rgb(2, 2));
            assertEquals(WHITE, animation.frame(2).rgb(2, 2), "disposal 2 left a transparent hole");
            assertEquals(GREEN, animation.frame(2).rgb(6, 4));
            assertEquals(RED, animation.frame(3).rgb(6, 4), "disposal 3 restored the screen before the frame");
            assertEquals(WHITE, animation.frame(3).rgb(2, 2));
            assertEquals(BLUE, animation.frame(3).rgb(0, 0));
        }
    }

    @Test
    void firstFrameAloneAndThroughTheImageDecoder() throws IOException {
        Path path = gif(List.of(frame(0, 0, 5, 4, 1, GifDisposal.KEEP), frame(0, 0, 1, 1, 2, GifDisposal.KEEP)));
        try (Arena arena = Arena.ofConfined()) {
            DecodedImage first = GifDecoder.decodeFirstFrame(path, arena);
            assertArrayEquals(new long[] {4, 5, 3}, first.shape());
            assertEquals(GREEN, first.rgb(0, 0));
            assertArrayEquals(first.toByteArray(), ImageDecoder.decode(path, arena).toByteArray());
            assertArrayEquals(first.toByteArray(), GifDecoder.decode(path, arena).frame(0).toByteArray());
        }
    }

    @Test
    void framesAreViewsOfOneSegment() throws IOException {
        Path path = gif(List.of(frame(0, 0, 4, 4, 0, GifDisposal.KEEP), frame(1, 1, 2, 2, 1, GifDisposal.KEEP)));
        try (Arena arena = Arena.ofConfined()) {
            DecodedAnimation animation = GifDecoder.decode(path, arena);
            assertEquals(2 * 4 * 4 * 3, animation.data().byteSize());
            assertEquals(animation.data().address() + 4 * 4 * 3, animation.frame(1).data().address());
        }
    }

    @Test
    void truncatedGifIsReportedWhereImageioWouldDecodeItSilently() throws IOException {
        Path good = gif(List.of(frame(0, 0, 40, 30, 0, GifDisposal.KEEP), frame(5, 5, 20, 20, 1, GifDisposal.KEEP)));
        byte[] bytes = Files.readAllBytes(good);
        try (Arena arena = Arena.ofConfined()) {
            Path header = Files.write(folder.resolve("header.gif"), Arrays.copyOf(bytes, 30));
            assertEquals("GIF is truncated: the file ends before its first frame is complete",
                    assertThrows(MediaDecodeException.class, () -> GifDecoder.decode(header, arena)).reason());

            Path secondFrame = Files.write(folder.resolve("second.gif"), Arrays.copyOf(bytes, bytes.length - 5));
            assertEquals("GIF is truncated: the file ends inside frame 2 (after 1 complete frames)",
                    assertThrows(MediaDecodeException.class, () -> GifDecoder.decode(secondFrame, arena)).reason());
            assertEquals(RED, ImageDecoder.decode(secondFrame, arena).rgb(0, 0), "the first frame is whole");

            Path noTrailer = Files.write(folder.resolve("no-trailer.gif"), Arrays.copyOf(bytes, bytes.length - 1));
            assertEquals(2, GifDecoder.decode(noTrailer, arena).frameCount(), "only the trailer byte is missing");
        }
    }

    @Test
    void notAGif() throws IOException {
        Path text = Files.writeString(folder.resolve("fake.gif"), "GIF? no.");
        try (Arena arena = Arena.ofConfined()) {
            assertEquals("not a GIF file", assertThrows(MediaDecodeException.class, () -> GifDecoder.decode(text, arena)).reason());
        }
    }
}
