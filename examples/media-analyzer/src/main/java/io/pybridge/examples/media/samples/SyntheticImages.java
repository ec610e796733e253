package io.pybridge.examples.media.samples;

import java.awt.image.BufferedImage;
import java.util.Random;

/** Pictures made from a seed: the same seed gives the same pixels on every machine. */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /** A photo-like picture: smooth colour gradients, a few soft blobs and a little sensor noise. */
    public static BufferedImage photo(long seed, int width, int height) {
        Random random = new Random(seed);
        double[] base = {uniform(random, 40, 200), uniform(random, 40, 200), uniform(random, 40, 200)};
        double[][] tilt = new double[2][3];
        for (double[] row : tilt) {
            for (int c = 0; c < 3; c++) {
                row[c] = uniform(random, -60, 60);
            }
        }
        double[][] blobs = new double[4][6]; // y, x, radius, and a colour shift per channel
        for (double[] blob : blobs) {
            blob[0] = uniform(random, 0.1, 0.9);
            blob[1] = uniform(random, 0.1, 0.9);
            blob[2] = uniform(random, 0.08, 0.3);
            for (int c = 0; c < 3; c++) {
                blob[3 + c] = uniform(random, -90, 90);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                double y = (double) py / height;
                double x = (double) px / width;
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    double value = base[c] + y * tilt[0][c] + x * tilt[1][c];
                    for (double[] blob : blobs) {
                        double distance = (y - blob[0]) * (y - blob[0]) + (x - blob[1]) * (x - blob[1]);
                        value += Math.exp(-distance / (2 * blob[2] * blob[2])) * blob[3 + c];
                    }
                    rgb[c] = clamp(value + 3 * random.nextGaussian());
                }
                image.setRGB(px, py, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        return image;
    }

    /** Flat-coloured rectangles and discs on a flat background. */
    public static BufferedImage shapes(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int background = random.nextInt(1 << 24);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, background);
            }
        }
        for (int shape = 0; shape < 5; shape++) {
            int colour = random.nextInt(1 << 24);
            int cy = random.nextInt(height);
            int cx = random.nextInt(width);
            int size = 10 + random.nextInt(Math.max(1, Math.min(width, height) / 4));
            boolean disc = random.nextBoolean();
            for (int y = Math.max(0, cy - size); y < Math.min(height, cy + size); y++) {
                for (int x = Math.max(0, cx - size); x < Math.min(width, cx + size); x++) {
                    boolean inside = disc ? (y - cy) * (y - cy) + (x - cx) * (x - cx) < size * size : Math.abs(x - cx) < size / 2 + 5;
                    if (inside) {
                        image.setRGB(x, y, colour);
                    }
                }
            }
        }
        return image;
    }

    /** A copy of {@code image} with Gaussian noise of {@code sigma} grey levels added to every channel. */
    public static BufferedImage withNoise(BufferedImage image, long seed, double sigma) {
        Random random = new Random(seed);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = clamp((rgb >> 16 & 0xFF) + sigma * random.nextGaussian());
                int g = clamp((rgb >> 8 & 0xFF) + sigma * random.nextGaussian());
                int b = clamp((rgb & 0xFF) + sigma * random.nextGaussian());
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    /**
     * A caption meme: {@code picture} between a band above and a band below, each
     * {@code bandHeight} pixels of {@code bandRgb} with its caption centred in {@code inkRgb}
     * (a null caption leaves that band out).
     *
     * @throws IllegalArgumentException if a caption does not fit its band
     */
    public static BufferedImage meme(BufferedImage picture, String top, String bottom, int bandHeight, int scale,
                                     int bandRgb, int inkRgb) {
        int width = picture.getWidth();
        int above = top == null ? 0 : bandHeight;
        int below = bottom == null ? 0 : bandHeight;
        BufferedImage out = new BufferedImage(width, above + picture.getHeight() + below, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                boolean inPicture = y >= above && y < above + picture.getHeight();
                out.setRGB(x, y, inPicture ? picture.getRGB(x, y - above) : bandRgb);
            }
        }
        if (top != null) {
            caption(out, top, 0, bandHeight, scale, inkRgb);
        }
        if (bottom != null) {
            caption(out, bottom, above + picture.getHeight(), bandHeight, scale, inkRgb);
        }
        return out;
    }

    private static void caption(BufferedImage image, String text, int bandTop, int bandHeight, int scale, int inkRgb) {
        int textWidth = PixelFont.width(text, scale);
        int textHeight = PixelFont.GLYPH_HEIGHT * scale;
        if (textWidth > image.getWidth() - 2 * scale || textHeight > bandHeight - 2 * scale) {
            throw new IllegalArgumentException("caption '" + text + "' at scale " + scale + " does not fit a "
                    + image.getWidth() + "x" + bandHeight + " band");
        }
        PixelFont.draw(image, text, (image.getWidth() - textWidth) / 2, bandTop + (bandHeight - textHeight) / 2, scale, inkRgb);
    }

    private static double uniform(Random random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.rint(value)));
    }
}
