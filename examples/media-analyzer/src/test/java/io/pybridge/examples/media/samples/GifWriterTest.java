package io.pybridge.examples.media.samples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.examples.media.GifDisposal;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {
    private static final IndexColorModel PALETTE = new IndexColorModel(1, 2, new byte[] {0, (byte) 255}, new byte[2], new byte[2]);

    @TempDir
    Path folder;

    private static GifFrame frame(int left, int top, int width, int height) {
        return new GifFrame(left, top, width, height, new byte[width * height], GifDisposal.KEEP, 10);
    }

    @Test
    void writesALoopingAnimation() throws IOException {
        Path path = folder.resolve("a.gif");
        GifWriter.write(path, PALETTE, List.of(frame(0, 0, 4, 4), frame(1, 1, 2, 2)));
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.startsWith("GIF89a"));
        assertTrue(bytes.contains("NETSCAPE2.0"), "loop extension");
    }

    @Test
    void framesMustStayOnTheScreenTheFirstFrameSets() {
        Path path = folder.resolve("b.gif");
        assertThrows(IllegalArgumentException.class, () -> GifWriter.write(path, PALETTE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> GifWriter.write(path, PALETTE, List.of(frame(1, 0, 4, 4))));
        assertThrows(IllegalArgumentException.class, () -> GifWriter.write(path, PALETTE, List.of(frame(0, 0, 4, 4), frame(2, 2, 3, 3))));
        assertThrows(IllegalArgumentException.class, () -> new GifFrame(0, 0, 2, 2, new byte[3], GifDisposal.KEEP, 0));
    }
}
