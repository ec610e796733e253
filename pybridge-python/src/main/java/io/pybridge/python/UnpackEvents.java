package io.pybridge.python;

import java.io.IOException;
import java.nio.file.Path;

/** What unpacking reports as it goes; lets tests count unpacks and make one fail midway. */
interface UnpackEvents {
    UnpackEvents NONE = new UnpackEvents() {
    };

    /** A tree is about to be unpacked for {@code target} (nothing usable was there). */
    default void unpackStarted(Path target) {
    }

    /** {@code file} of the tree under construction has been written. */
    default void fileWritten(Path file) throws IOException {
    }
}
