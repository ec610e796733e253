package io.pybridge.examples.media.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.examples.media.MediaDecodeException;
import io.pybridge.examples.media.samples.SyntheticImages;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    @TempDir
    Path folder;

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path path = folder.resolve(name);
        assertTrue(ImageIO.write(image, format, path.toFile()), "no writer for " + format);
        return path;
    }

    private static byte[] rgbOf(BufferedImage image) {
        byte[] out = new byte[3 * image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int at = 3 * (y * image.getWidth() + x);
                out[at] = (byte) (rgb >> 16);
                out[at + 1] = (byte) (rgb >> 8);
                out[at + 2] = (byte) rgb;
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp"})
    void losslessFormatsReadBackExactly(String format) throws IOException {
        BufferedImage image = SyntheticImages.photo(1, 37, 23);
        Path path = write(image, format, "picture." + format);
        try (Arena arena = Arena.ofConfined()) {
            DecodedImage decoded = ImageDecoder.decode(path, arena);
            assertEquals(37, decoded.width());
            assertEquals(23, decoded.height());
            assertArrayEquals(new long[] {23, 37, 3}, decoded.shape());
            assertArrayEquals(rgbOf(image), decoded.toByteArray());
            assertEquals(image.getRGB(5, 7) & 0xFFFFFF, decoded.rgb(5, 7));
        }
    }

    @Test
    void jpegReadsBackClose() throws IOException {
        BufferedImage image = SyntheticImages.photo(2, 64, 48);
        Path path = write(image, "jpeg", "picture.jpg");
        try (Arena arena = Arena.ofConfined()) {
            byte[] decoded = ImageDecoder.decode(path, arena).toByteArray();
            byte[] expected = rgbOf(image);
            double difference = 0;
            for (int i = 0; i < expected.length; i++) {
                difference += Math.abs((decoded[i] & 0xFF) - (expected[i] & 0xFF));
            }
            assertTrue(difference / expected.length < 4, "mean difference " + difference / expected.length);
        }
    }

    @Test
    void transparencyIsCompositedOverWhite() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00_12_34_56); // fully transparent
        image.setRGB(1, 0, 0x80_FF_00_00); // half-transparent red
        image.setRGB(2, 0, 0xFF_00_80_00); // opaque green
        Path path = write(image, "png", "alpha.png");
        try (Arena arena = Arena.ofConfined()) {
            DecodedImage decoded = ImageDecoder.decode(path, arena);
            assertEquals(0xFFFFFF, decoded.rgb(0, 0));
            assertEquals(0xFF7F7F, decoded.rgb(1, 0));
            assertEquals(0x008000, decoded.rgb(2, 0));
        }
    }

    @Test
    void greyscaleBecomesEqualChannels() throws IOException {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 4, 2, 0, new int[] {0, 50, 100, 255, 1, 2, 3, 4});
        Path path = write(image, "png", "grey.png");
        try (Arena arena = Arena.ofConfined()) {
            DecodedImage decoded = ImageDecoder.decode(path, arena);
            for (int x = 0; x < 4; x++) {
                int rgb = decoded.rgb(x, 0);
                assertEquals(rgb >> 16, rgb & 0xFF);
                assertEquals(rgb >> 16, rgb >> 8 & 0xFF);
            }
            assertEquals(0xFFFFFF, decoded.rgb(3, 0));
        }
    }

    @Test
    void truncatedPngIsReported() throws IOException {
        Path good = write(SyntheticImages.photo(3, 64, 64), "png", "good.png");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(folder.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        try (Arena arena = Arena.ofConfined()) {
            MediaDecodeException error = assertThrows(MediaDecodeException.class, () -> ImageDecoder.decode(cut, arena));
            assertTrue(error.reason().startsWith("corrupt"), error.getMessage());
        }
    }

    @Test
    void truncatedJpegAndBmpAreReportedThoughImageioWouldFillThemIn() throws IOException {
        for (String format : new String[] {"jpeg", "bmp"}) {
            byte[] bytes = Files.readAllBytes(write(SyntheticImages.photo(4, 64, 64), format, "good." + format));
            Path cut = Files.write(folder.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length * 2 / 3));
            try (Arena arena = Arena.ofConfined()) {
                MediaDecodeException error = assertThrows(MediaDecodeException.class, () -> ImageDecoder.decode(cut, arena));
                assertTrue(error.reason().startsWith("image data is truncated"), error.getMessage());
            }
        }
    }

    @Test
    void unknownContentAndMissingFilesAreReported() throws IOException {
        Path text = Files.writeString(folder.resolve("not-an-image.png"), "hello, world");
        try (Arena arena = Arena.ofConfined()) {
            assertEquals("no image reader recognises its content",
                    assertThrows(MediaDecodeException.class, () -> ImageDecoder.decode(text, arena)).reason());
            assertEquals("file does not exist",
                    assertThrows(MediaDecodeException.class, () -> ImageDecoder.decode(folder.resolve("gone.png"), arena)).reason());
        }
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        Path path = Files.write(folder.resolve("huge.png"), pngHeaderOnly(100_000, 100_000));
        try (Arena arena = Arena.ofConfined()) {
            MediaDecodeException error = assertThrows(MediaDecodeException.class, () -> ImageDecoder.decode(path, arena));
            assertTrue(error.reason().contains("more than 100000000 pixels"), error.getMessage());
        }
    }

    /** A PNG signature and a valid IHDR chunk, nothing else. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer body = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(body.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        out.writeBytes(body.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
