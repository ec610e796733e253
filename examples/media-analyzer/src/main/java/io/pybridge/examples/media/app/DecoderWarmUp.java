package io.pybridge.examples.media.app;

import io.pybridge.examples.media.GifDisposal;
import io.pybridge.examples.media.decode.DecodeResult;
import io.pybridge.examples.media.decode.MediaDecoder;
import io.pybridge.examples.media.decode.WavEncoding;
import io.pybridge.examples.media.samples.GifFrame;
import io.pybridge.examples.media.samples.GifWriter;
import io.pybridge.examples.media.samples.WavWriter;
import io.pybridge.examples.media.scan.FolderScan;
import io.pybridge.examples.media.scan.MediaFile;
import io.pybridge.examples.media.scan.MediaWalker;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans and decodes small files of every format the application reads (64x64 images, 8,000 audio samples,
 * a GIF of 9 frames), once, so that the first files of a run do not pay for the decoders' first use:
 * ImageIO's plugin registry and readers and the WAV and GIF code loaded and linked, and their loops run
 * enough to be compiled. Decoding the 8 sample files in a fresh JVM takes about 335 ms, 115 ms after this
 * (which takes about 400 ms itself; medians of 5 on a busy 2-core host). The application runs it on a
 * thread of its own while Python loads its models, and waits for it before the first file: a run whose
 * models load in less time (the sample models here: 40-120 ms) waits for the rest. Python's own first
 * calls are not warmed, nor the bridge's.
 */
final class DecoderWarmUp {
    private static final int SIDE = 64;
    private static final int SAMPLES = 8000;
    private static final int FRAMES = 8;

    private DecoderWarmUp() {
    }

    /** Starts the warm-up on a daemon thread; join it before the first file is decoded. */
    static Thread start() {
        Thread thread = new Thread(DecoderWarmUp::runQuietly, "media-decoder-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the warm-up; an interrupted wait leaves it running and goes on. */
    static void await(Thread warmUp) {
        try {
            warmUp.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runQuietly() {
        try {
            run(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException | RuntimeException e) {
            // Only speed depends on it: the run decodes its files either way, and reports their failures.
        }
    }

    /**
     * Writes the tiny files into a new folder in {@code parent}, scans and decodes them, deletes the folder;
     * returns what each decode gave, one entry per file, for the tests.
     */
    static List<DecodeResult> run(Path parent) throws IOException {
        Path folder = Files.createTempDirectory(parent, "media-analyzer-warm-up-");
        try {
            write(folder);
            FolderScan scan = MediaWalker.scan(folder);
            List<DecodeResult> results = new ArrayList<>();
            for (MediaFile file : scan.media()) {
                results.add(MediaDecoder.decode(file, Arena.ofAuto()));
            }
            return results;
        } finally {
            deleteTree(folder);
        }
    }

    private static void write(Path folder) throws IOException {
        float[][] tone = new float[1][SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            tone[0][i] = (float) Math.sin(i * 0.3);
        }
        for (WavEncoding encoding : WavEncoding.values()) {
            WavWriter.write(folder.resolve("tone-" + encoding.name().toLowerCase() + ".wav"), tone, 8000, encoding);
        }
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        byte[] pixels = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | (x ^ y) & 0xFF);
                pixels[y * SIDE + x] = (byte) ((x ^ y) & 1);
            }
        }
        for (String format : List.of("png", "bmp", "jpg")) {
            if (!ImageIO.write(image, format, folder.resolve("image." + format).toFile())) {
                throw new IOException("no javax.imageio writer for " + format);
            }
        }
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[]{0, -1}, new byte[]{0, -1}, new byte[]{0, -1});
        GifFrame first = new GifFrame(0, 0, SIDE, SIDE, pixels, GifDisposal.KEEP, 10);
        GifWriter.write(folder.resolve("still.gif"), palette, List.of(first));
        List<GifFrame> frames = new ArrayList<>(List.of(first));
        for (int i = 0; i < FRAMES; i++) {
            frames.add(new GifFrame(i, i, 2, 2, new byte[]{1, 0, 0, 1}, GifDisposal.RESTORE_PREVIOUS, 10));
        }
        GifWriter.write(folder.resolve("animation.gif"), palette, frames);
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
