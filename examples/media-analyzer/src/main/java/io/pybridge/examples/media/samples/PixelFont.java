package io.pybridge.examples.media.samples;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * A 5x7 block font of capital letters, digits and a little punctuation, drawn pixel by pixel:
 * captions come out the same on every machine, whatever fonts it has (or lacks).
 */
final class PixelFont {
    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;

    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('A', ".###.#...##...#######...##...##...#"), Map.entry('B', "####.#...#####.#...##...##...#####."),
            Map.entry('C', ".#####....#....#....#....#.....####"), Map.entry('D', "####.#...##...##...##...##...#####."),
            Map.entry('E', "######....####.#....#....#....#####"), Map.entry('F', "######....####.#....#....#....#...."),
            Map.entry('G', ".####....#....#..###...##...#.####."), Map.entry('H', "#...##...#######...##...##...##...#"),
            Map.entry('I', "#####..#....#....#....#....#..#####"), Map.entry('J', "..###...#....#....#.#..#.#..#..##.."),
            Map.entry('K', "#...##..#.###..#..#.#...##...##...#"), Map.entry('L', "#....#....#....#....#....#....#####"),
            Map.entry('M', "#...###.###.#.##...##...##...##...#"), Map.entry('N', "#...###..##.#.##..###...##...##...#"),
            Map.entry('O', ".###.#...##...##...##...##...#.###."), Map.entry('P', "####.#...#####.#....#....#....#...."),
            Map.entry('Q', ".###.#...##...##...##.#.##..#..##.#"), Map.entry('R', "####.#...#####.#.#..#..#.#...##...#"),
            Map.entry('S', ".#####....#.....###.....#....#####."), Map.entry('T', "#####..#....#....#....#....#....#.."),
            Map.entry('U', "#...##...##...##...##...##...#.###."), Map.entry('V', "#...##...##...##...##...#.#.#...#.."),
            Map.entry('W', "#...##...##...##.#.##.#.###.###...#"), Map.entry('X', "#...##...#.#.#...#...#.#.#...##...#"),
            Map.entry('Y', "#...#.#.#...#....#....#....#....#.."), Map.entry('Z', "#####....#...#...#...#...#....#####"),
            Map.entry('0', ".###.#...##..###.#.###..##...#.###."), Map.entry('1', "..#...##....#....#....#....#...###."),
            Map.entry('2', ".###.#...#....#...#...#...#...#####"), Map.entry('3', "####.....#....#.###.....#....#####."),
            Map.entry('4', "#...##...##...######....#....#....#"), Map.entry('5', "######....####.....#....#....#####."),
            Map.entry('6', ".###.#....#....####.#...##...#.###."), Map.entry('7', "#####....#...#...#...#....#....#..."),
            Map.entry('8', ".###.#...##...#.###.#...##...#.###."), Map.entry('9', ".###.#...##...#.####....#....#.###."),
            Map.entry('!', "..#....#....#....#....#.........#.."), Map.entry('?', ".###.#...#....#...#...#.........#.."),
            Map.entry('.', "..............................##..."), Map.entry(',', ".....................##....#...#..."),
            Map.entry('\'', "..#....#..........................."), Map.entry('-', "................###................"),
            Map.entry(' ', "..................................."));

    static {
        GLYPHS.forEach((character, glyph) -> {
            if (glyph.length() != GLYPH_WIDTH * GLYPH_HEIGHT || !glyph.matches("[.#]+")) {
                throw new IllegalStateException("glyph '" + character + "' is not 5x7 cells of '.' and '#'");
            }
        });
    }

    private PixelFont() {
    }

    /** The width in pixels of {@code text} at {@code scale} (one scaled pixel between letters). */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : text.length() * (GLYPH_WIDTH + 1) * scale - scale;
    }

    /**
     * Draws {@code text} (upper-cased) in {@code rgb} with its top-left corner at (left, top),
     * each font pixel a {@code scale}-sized square; what falls outside the image is clipped.
     *
     * @throws IllegalArgumentException for a character the font lacks
     */
    static void draw(BufferedImage image, String text, int left, int top, int scale, int rgb) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int index = 0; index < upper.length(); index++) {
            String glyph = GLYPHS.get(upper.charAt(index));
            if (glyph == null) {
                throw new IllegalArgumentException("the pixel font has no '" + upper.charAt(index) + "'");
            }
            int x0 = left + index * (GLYPH_WIDTH + 1) * scale;
            for (int cell = 0; cell < glyph.length(); cell++) {
                if (glyph.charAt(cell) == '#') {
                    fill(image, x0 + (cell % GLYPH_WIDTH) * scale, top + (cell / GLYPH_WIDTH) * scale, scale, rgb);
                }
            }
        }
    }

    private static void fill(BufferedImage image, int x, int y, int size, int rgb) {
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                if (x + dx >= 0 && y + dy >= 0 && x + dx < image.getWidth() && y + dy < image.getHeight()) {
                    image.setRGB(x + dx, y + dy, rgb);
                }
            }
        }
    }
}
