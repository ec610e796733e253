package io.pybridge.examples.media.samples;

import io.pybridge.examples.media.GifDisposal;
import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.decode.WavEncoding;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a folder of known media for the analyzer to work on when it is given none: melodies
 * of known notes in every WAV encoding family, photo-like and flat-colour images in PNG, JPEG
 * and BMP, a noisy near-duplicate, a caption meme and an animated GIF. Everything is made from
 * fixed seeds, so every run writes the same pixels and samples.
 */
public final class SampleMediaGenerator {
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    private SampleMediaGenerator() {
    }

    /**
     * Writes the samples into {@code folder} (created if needed; files of the same names are
     * replaced, others are left alone) and describes them.
     */
    public static List<SampleMedia> generate(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<SampleMedia> samples = new ArrayList<>();
        samples.add(melody(folder.resolve("tones-a-major.wav"), "A4 C#5 E5",
                new ToneSynthesizer(44100, 0.4, 0.08, ToneSynthesizer.PURE, 0.5), 1, WavEncoding.PCM_16,
                "pure tones, 16-bit PCM mono 44.1 kHz"));
        samples.add(melody(folder.resolve("scale-harmonic-stereo.wav"), "C4 D4 E4 F4 G4",
                new ToneSynthesizer(48000, 0.3, 0.0, ToneSynthesizer.HARMONIC, 0.6), 2, WavEncoding.PCM_24,
                "harmonic tones without gaps, 24-bit PCM stereo 48 kHz"));
        samples.add(melody(folder.resolve("arpeggio-float.wav"), "E3 G#3 B3 E4",
                new ToneSynthesizer(22050, 0.35, 0.05, ToneSynthesizer.HARMONIC, 0.7), 1, WavEncoding.FLOAT_32,
                "harmonic tones, 32-bit float mono 22.05 kHz"));
        samples.add(melody(folder.resolve("chimes-8bit.wav"), "G5 E5 C5",
                new ToneSynthesizer(16000, 0.3, 0.1, ToneSynthesizer.PURE, 0.8), 1, WavEncoding.PCM_8,
                "pure tones, 8-bit PCM mono 16 kHz"));

        BufferedImage sunset = SyntheticImages.photo(7, 320, 240);
        Path sunsetPath = folder.resolve("sunset.png");
        writeImage(sunsetPath, sunset, "png");
        samples.add(image(sunsetPath, "photo-like gradients, PNG"));

        Path copyPath = folder.resolve("sunset-noisy-copy.jpg");
        writeJpeg(copyPath, SyntheticImages.withNoise(sunset, 8, 4.0), 0.92f);
        samples.add(new SampleMedia(copyPath, MediaKind.IMAGE, "sunset.png with a little noise, re-encoded as JPEG",
                Optional.empty(), Optional.of(sunsetPath), false));

        Path shapesPath = folder.resolve("shapes.bmp");
        writeImage(shapesPath, SyntheticImages.shapes(3, 200, 150), "bmp");
        samples.add(image(shapesPath, "flat-colour shapes, 24-bit BMP"));

        Path memePath = folder.resolve("meme.png");
        writeImage(memePath, SyntheticImages.meme(SyntheticImages.photo(11, 320, 200), "WHEN THE BUILD", "PASSES FIRST TRY",
                48, 3, WHITE, BLACK), "png");
        samples.add(new SampleMedia(memePath, MediaKind.IMAGE, "caption meme: white bands with black text above and below",
                Optional.empty(), Optional.empty(), true));

        Path gifPath = folder.resolve("bouncing-ball.gif");
        BouncingBall.write(gifPath);
        samples.add(new SampleMedia(gifPath, MediaKind.ANIMATION, BouncingBall.FRAMES
                + "-frame animated GIF: a ball bouncing over a landscape (frames restore what they covered)",
                Optional.empty(), Optional.empty(), false));
        return List.copyOf(samples);
    }

    private static SampleMedia melody(Path path, String notes, ToneSynthesizer synthesizer, int channels,
                                      WavEncoding encoding, String description) throws IOException {
        float[] mono = synthesizer.melody(Arrays.stream(notes.split(" ")).map(Note::parse).toList());
        float[][] data = new float[channels][];
        for (int channel = 0; channel < channels; channel++) {
            data[channel] = mono.clone();
            for (int i = 0; i < mono.length && channel > 0; i++) {
                data[channel][i] *= 0.8f; // the right channel a little quieter: the mix-down must not care
            }
        }
        WavWriter.write(path, data, synthesizer.sampleRate(), encoding);
        return new SampleMedia(path, MediaKind.AUDIO, notes + ": " + description, Optional.of(notes), Optional.empty(), false);
    }

    private static SampleMedia image(Path path, String description) {
        return new SampleMedia(path, MediaKind.IMAGE, description, Optional.empty(), Optional.empty(), false);
    }

    private static void writeImage(Path path, BufferedImage image, String format) throws IOException {
        if (!ImageIO.write(image, format, path.toFile())) {
            throw new IOException("no javax.imageio writer for " + format);
        }
    }

    private static void writeJpeg(Path path, BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        Files.deleteIfExists(path);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(path.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The animated sample: a landscape frame kept on screen, then ball sprites that restore what they covered. */
    static final class BouncingBall {
        static final int WIDTH = 96;
        static final int HEIGHT = 64;
        static final int FRAMES = 12;
        static final int BALL = 12;
        static final int HORIZON = 44;
        static final int TRANSPARENT = 0;
        static final int RED = 12;

        private BouncingBall() {
        }

        static IndexColorModel palette() {
            int[] rgb = {
                0xFFFFFF, // 0: transparent
                0x1E3C78, 0x284A8A, 0x32589C, 0x3C66AE, 0x4674C0, 0x5082D2, 0x5A90E4, 0x649EF6, // 1-8: sky
                0x2E7D32, 0x388E3C, 0x43A047, // 9-11: grass
                0xD32F2F, 0x8E1B1B, 0xFFEBEE, // 12-14: ball, its shade, its highlight
                0x000000,
            };
            byte[] r = new byte[rgb.length];
            byte[] g = new byte[rgb.length];
            byte[] b = new byte[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                r[i] = (byte) (rgb[i] >> 16);
                g[i] = (byte) (rgb[i] >> 8);
                b[i] = (byte) rgb[i];
            }
            return new IndexColorModel(4, rgb.length, r, g, b, TRANSPARENT);
        }

        static void write(Path path) throws IOException {
            List<GifFrame> frames = new ArrayList<>();
            frames.add(new GifFrame(0, 0, WIDTH, HEIGHT, landscape(), GifDisposal.KEEP, 8));
            for (int i = 1; i < FRAMES; i++) {
                frames.add(new GifFrame(ballLeft(i), ballTop(i), BALL, BALL, ball(), GifDisposal.RESTORE_PREVIOUS, 8));
            }
            GifWriter.write(path, palette(), frames);
        }

        static int ballLeft(int frame) {
            return 2 + 7 * frame;
        }

        static int ballTop(int frame) {
            return HORIZON - BALL - (int) Math.round(28 * Math.abs(Math.sin(Math.PI * frame / 6.0)));
        }

        static byte[] landscape() {
            byte[] indices = new byte[WIDTH * HEIGHT];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int index = y < HORIZON ? 1 + y * 8 / HORIZON : 9 + (x / 4 + y / 3) % 3;
                    indices[y * WIDTH + x] = (byte) index;
                }
            }
            return indices;
        }

        static byte[] ball() {
            byte[] indices = new byte[BALL * BALL];
            double centre = (BALL - 1) / 2.0;
            for (int y = 0; y < BALL; y++) {
                for (int x = 0; x < BALL; x++) {
                    double dx = x - centre;
                    double dy = y - centre;
                    int index = TRANSPARENT;
                    if (dx * dx + dy * dy <= (BALL / 2.0) * (BALL / 2.0)) {
                        index = dx + dy > 4 ? 13 : RED;
                    }
                    if (Math.abs(dx + 2.5) < 1 && Math.abs(dy + 2.5) < 1) {
                        index = 14;
                    }
                    indices[y * BALL + x] = (byte) index;
                }
            }
            return indices;
        }
    }
}
