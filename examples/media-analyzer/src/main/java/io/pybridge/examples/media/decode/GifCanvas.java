package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.GifDisposal;

import java.awt.image.BufferedImage;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A GIF's logical screen, onto which frames are drawn in order as a browser does: transparent
 * at first, each frame's opaque pixels painted over it, then the frame disposed of as it says.
 */
final class GifCanvas {
    private final int width;
    private final int height;
    private int[] pixels; // ARGB; alpha 0 is transparent

    GifCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    /**
     * Draws {@code frame} with its top-left corner at ({@code left}, {@code top}), writes the
     * resulting screen as RGB at {@code offset} of {@code out}, then applies {@code disposal}.
     * Parts of the frame outside the screen are dropped.
     */
    void render(BufferedImage frame, int left, int top, GifDisposal disposal, MemorySegment out, long offset) {
        int[] saved = disposal == GifDisposal.RESTORE_PREVIOUS ? pixels.clone() : null;
        int x0 = Math.max(0, left);
        int y0 = Math.max(0, top);
        int x1 = Math.min(width, left + frame.getWidth());
        int y1 = Math.min(height, top + frame.getHeight());
        int visible = Math.max(0, x1 - x0);
        int[] row = new int[Math.max(1, visible)];
        for (int y = y0; y < y1 && visible > 0; y++) {
            frame.getRGB(x0 - left, y - top, visible, 1, row, 0, visible);
            for (int i = 0; i < visible; i++) {
                if (row[i] >>> 24 != 0) {
                    pixels[y * width + x0 + i] = row[i] | 0xFF00_0000;
                }
            }
        }
        Rgb.putRow(pixels, 0, pixels.length, out, offset);
        switch (disposal) {
            case RESTORE_BACKGROUND -> {
                for (int y = y0; y < y1 && visible > 0; y++) {
                    Arrays.fill(pixels, y * width + x0, y * width + x1, 0);
                }
            }
            case RESTORE_PREVIOUS -> pixels = saved;
            case UNSPECIFIED, KEEP -> { }
        }
    }
}
