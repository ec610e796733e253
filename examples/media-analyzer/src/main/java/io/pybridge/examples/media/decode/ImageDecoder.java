package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.MediaDecodeException;
import io.pybridge.examples.media.MediaFormat;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes still images through javax.imageio (PNG, JPEG, BMP, and whatever other readers are
 * installed) to packed RGB in off-heap memory. A GIF gives its first frame composited on its
 * logical screen, as {@link GifDecoder} does.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    /**
     * Decodes {@code path} into a segment from {@code allocator}.
     *
     * @throws MediaDecodeException if the file cannot be read, no reader knows its content, or the
     *                              data is corrupt or too large; the message says which
     */
    public static DecodedImage decode(Path path, SegmentAllocator allocator) throws MediaDecodeException {
        if (startsLikeGif(path)) {
            return GifDecoder.decodeFirstFrame(path, allocator);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new MediaDecodeException(path, "cannot be opened as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new MediaDecodeException(path, "no image reader recognises its content");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                DecodeLimits.checkImage(path, reader.getWidth(0), reader.getHeight(0), 1);
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    if (warning.toLowerCase(Locale.ROOT).contains("premature end")) { // readers fill missing data in grey
                        throw new MediaDecodeException(path, "image data is truncated: " + warning);
                    }
                }
                return toRgb(image, allocator);
            } finally {
                reader.dispose();
            }
        } catch (MediaDecodeException e) {
            throw e;
        } catch (EOFException e) {
            throw new MediaDecodeException(path, "image data is truncated (the file ends early)", e);
        } catch (IOException e) {
            throw new MediaDecodeException(path, "corrupt or unsupported image: " + Failures.describe(e), e);
        } catch (RuntimeException e) { // image readers throw these on some malformed data
            throw new MediaDecodeException(path, "corrupt image data: " + Failures.describe(e), e);
        }
    }

    private static boolean startsLikeGif(Path path) throws MediaDecodeException {
        try (InputStream in = Files.newInputStream(path)) {
            return MediaFormat.ofContent(in.readNBytes(MediaFormat.SIGNATURE_LENGTH)).orElse(null) == MediaFormat.GIF;
        } catch (IOException e) {
            throw new MediaDecodeException(path, Failures.cannotRead(e), e);
        }
    }

    /** Packed RGB of any BufferedImage, alpha composited over white. */
    static DecodedImage toRgb(BufferedImage image, SegmentAllocator allocator) {
        int width = image.getWidth();
        int height = image.getHeight();
        MemorySegment out = allocator.allocate(3L * width * height, 1);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            Rgb.putRow(row, 0, width, out, 3L * width * y);
        }
        return new DecodedImage(out, width, height);
    }
}
