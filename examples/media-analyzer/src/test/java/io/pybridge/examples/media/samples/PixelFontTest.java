package io.pybridge.examples.media.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelFontTest {
    @Test
    void drawsScaledGlyphsWithOneColumnBetweenLetters() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        PixelFont.draw(image, "it", 1, 2, 2, 0xFFFFFF); // lower case is drawn as capitals
        assertEquals(2 * (5 + 1) * 2 - 2, PixelFont.width("it", 2));
        // 'I' is a full top bar: font pixels (0..4, 0) at scale 2 from (1, 2).
        for (int x = 1; x < 11; x++) {
            assertEquals(0xFFFFFF, image.getRGB(x, 2) & 0xFFFFFF, "x=" + x);
        }
        assertEquals(0, image.getRGB(11, 2) & 0xFFFFFF, "the gap between letters");
        assertEquals(0xFFFFFF, image.getRGB(13, 2) & 0xFFFFFF, "the top bar of 'T'");
        assertEquals(0, image.getRGB(1, 4) & 0xFFFFFF, "'I' is open left of its stem");
    }

    @Test
    void everyGlyphDrawsAndUnknownCharactersAreRejected() {
        BufferedImage image = new BufferedImage(300, 10, BufferedImage.TYPE_INT_RGB);
        PixelFont.draw(image, "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789!?.,'-", 0, 0, 1, 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> PixelFont.draw(image, "é", 0, 0, 1, 0));
    }
}
