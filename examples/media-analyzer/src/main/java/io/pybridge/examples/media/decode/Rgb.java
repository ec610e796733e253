package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writing ARGB pixels as packed RGB bytes, transparency composited over white. The bytes are made in a
 * Java array and copied to native memory at once: a loop of single-byte segment writes costs ten times
 * more until the JIT compiles it, which is every file of a short run.
 */
final class Rgb {
    private Rgb() {
    }

    /** Writes {@code count} pixels of {@code argb} from index {@code from} as 3 bytes each from {@code offset}. */
    static void putRow(int[] argb, int from, int count, MemorySegment out, long offset) {
        byte[] rgb = new byte[3 * count];
        for (int i = 0; i < count; i++) {
            int pixel = argb[from + i];
            int alpha = pixel >>> 24;
            int at = 3 * i;
            if (alpha == 0xFF) {
                rgb[at] = (byte) (pixel >> 16);
                rgb[at + 1] = (byte) (pixel >> 8);
                rgb[at + 2] = (byte) pixel;
            } else {
                rgb[at] = overWhite(pixel >> 16 & 0xFF, alpha);
                rgb[at + 1] = overWhite(pixel >> 8 & 0xFF, alpha);
                rgb[at + 2] = overWhite(pixel & 0xFF, alpha);
            }
        }
        MemorySegment.copy(rgb, 0, out, ValueLayout.JAVA_BYTE, offset, rgb.length);
    }

    private static byte overWhite(int channel, int alpha) {
        return (byte) ((channel * alpha + 255 * (255 - alpha) + 127) / 255);
    }
}
