package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Writing ARGB pixels as packed RGB bytes, transparency composited over white. */
final class Rgb {
    private Rgb() {
    }

    /** Writes {@code count} pixels of {@code argb} from index {@code from} as 3 bytes each from {@code offset}. */
    static void putRow(int[] argb, int from, int count, MemorySegment out, long offset) {
        for (int i = 0; i < count; i++) {
            int pixel = argb[from + i];
            int alpha = pixel >>> 24;
            long at = offset + 3L * i;
            out.set(ValueLayout.JAVA_BYTE, at, overWhite(pixel >> 16 & 0xFF, alpha));
            out.set(ValueLayout.JAVA_BYTE, at + 1, overWhite(pixel >> 8 & 0xFF, alpha));
            out.set(ValueLayout.JAVA_BYTE, at + 2, overWhite(pixel & 0xFF, alpha));
        }
    }

    private static byte overWhite(int channel, int alpha) {
        return (byte) ((channel * alpha + 255 * (255 - alpha) + 127) / 255);
    }
}
