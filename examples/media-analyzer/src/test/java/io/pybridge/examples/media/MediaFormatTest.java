package io.pybridge.examples.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaFormatTest {
    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesEverySignature() {
        assertEquals(Optional.of(MediaFormat.WAV), MediaFormat.ofContent(bytes("RIFF\0\0\0\0WAVE")));
        assertEquals(Optional.of(MediaFormat.PNG), MediaFormat.ofContent(bytes("\u0089PNG\r\n\u001a\n\0\0\0\r")));
        assertEquals(Optional.of(MediaFormat.GIF), MediaFormat.ofContent(bytes("GIF89a\u0008\0")));
        assertEquals(Optional.of(MediaFormat.GIF), MediaFormat.ofContent(bytes("GIF87a")));
        assertEquals(Optional.of(MediaFormat.JPEG), MediaFormat.ofContent(bytes("\u00ff\u00d8\u00ff\u00e0\0\u0010JFIF")));
        byte[] bmp = {'B', 'M', 0x36, 0x01, 0, 0, 0, 0, 0, 0, 0x36, 0};
        assertEquals(Optional.of(MediaFormat.BMP), MediaFormat.ofContent(bmp));
    }

    @Test
    void rejectsLookAlikes() {
        assertTrue(MediaFormat.ofContent(bytes("RIFF\0\0\0\0AVI ")).isEmpty(), "a RIFF that is not WAVE");
        assertTrue(MediaFormat.ofContent(bytes("BMW is a car brand")).isEmpty(), "text starting with BM");
        assertTrue(MediaFormat.ofContent(bytes("GIF8")).isEmpty(), "a cut-off signature");
        assertTrue(MediaFormat.ofContent(new byte[0]).isEmpty());
    }

    @Test
    void fileNamesSuggestFormatsCaseInsensitively() {
        assertEquals(Optional.of(MediaFormat.JPEG), MediaFormat.ofFileName("Holiday.JPG"));
        assertEquals(Optional.of(MediaFormat.WAV), MediaFormat.ofFileName("song.wav"));
        assertEquals(Optional.empty(), MediaFormat.ofFileName("notes.txt"));
        assertEquals(Optional.empty(), MediaFormat.ofFileName("Makefile"));
    }

    @Test
    void gifIsTheOnlyFormatThatCanBeAnAnimation() {
        for (MediaFormat format : MediaFormat.values()) {
            assertEquals(format == MediaFormat.WAV ? MediaKind.AUDIO : MediaKind.IMAGE, format.kind(), format.name());
        }
    }
}
