package io.pybridge.internal.capi;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Symbols looked up in a library opened globally: through the lookup's own name buffer, or past its size. */
class NativeLibraryTest {
    private static final NativeLibrary LIBC = NativeLibrary.openGlobal(Path.of("libc.so.6"));

    @Test
    void findsWhatTheLibraryExportsAndNothingElse() {
        assertTrue(LIBC.find("strlen").isPresent());
        assertFalse(LIBC.find("pybridge_no_such_symbol").isPresent());
    }

    @Test
    void aNameLongerThanTheBufferIsLookedUpToo() {
        assertFalse(LIBC.find("pybridge_" + "x".repeat(300)).isPresent(), "a long name that is not there");
        assertTrue(LIBC.find("strlen").isPresent(), "a name after the buffer grew");
        assertFalse(LIBC.find("strlen" + "\u00e9".repeat(200)).isPresent(), "two UTF-8 bytes a character");
    }

    @Test
    void aShorterNameAfterALongerOneIsNotReadWithTheLongerOnesTail() {
        assertFalse(LIBC.find("strlen_and_more_that_is_not_there").isPresent());
        assertTrue(LIBC.find("strlen").isPresent(), "the buffer's earlier content must end at the new name's NUL");
    }
}
