package io.pybridge.examples.media;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A GIF's block structure, walked without decompressing anything: how many complete frames it
 * has and whether it ends in the middle of a block. Cheap enough for a folder scan to tell
 * animations from stills, and lets the decoder refuse a truncated file that javax.imageio
 * would decode silently with its missing part blank.
 *
 * @param frames    complete frames found, no more than the limit asked for
 * @param truncated whether the file ends inside a block before the limit or the trailer (a file
 *                  that ends between blocks, without its trailer byte, is complete)
 */
public record GifStructure(int frames, boolean truncated) {
    private static final int LOGICAL_SCREEN_FLAGS = 10;
    private static final int IMAGE = 0x2C;
    private static final int EXTENSION = 0x21;

    /**
     * Walks {@code path} until {@code limit} frames, the trailer, or an unknown block (which ends
     * the walk like the trailer: the decoder reports what it is).
     */
    public static GifStructure read(Path path, int limit) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            int frames = 0;
            try {
                in.skipNBytes(LOGICAL_SCREEN_FLAGS); // signature, version, screen width and height
                int flags = read(in);
                in.skipNBytes(2 + colourTableSize(flags)); // background index, aspect ratio, global colour table
                while (frames < limit) {
                    int block = in.read(); // the file may end here without its trailer: nothing is missing
                    if (block == IMAGE) {
                        in.skipNBytes(8);
                        in.skipNBytes(colourTableSize(read(in)) + 1); // local colour table, LZW minimum code size
                        skipSubBlocks(in);
                        frames++;
                    } else if (block == EXTENSION) {
                        in.skipNBytes(1);
                        skipSubBlocks(in);
                    } else {
                        break;
                    }
                }
            } catch (EOFException truncated) {
                return new GifStructure(frames, true);
            }
            return new GifStructure(frames, false);
        }
    }

    private static int colourTableSize(int flags) {
        return (flags & 0x80) != 0 ? 3 * (2 << (flags & 0x07)) : 0;
    }

    private static void skipSubBlocks(InputStream in) throws IOException {
        for (int length = read(in); length != 0; length = read(in)) {
            in.skipNBytes(length);
        }
    }

    private static int read(InputStream in) throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new EOFException();
        }
        return value;
    }
}
