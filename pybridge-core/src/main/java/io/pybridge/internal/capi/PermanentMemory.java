package io.pybridge.internal.capi;

import java.lang.foreign.Arena;

/**
 * Native memory that lives as long as the JVM, for what CPython keeps a pointer to for the life of the
 * interpreter: method definitions, capsule names.
 */
public final class PermanentMemory {

    private PermanentMemory() {
    }

    /** A NUL-terminated UTF-8 copy of {@code text} that is never freed. */
    public static long cString(String text) {
        CStrings.requireValid(text, "string");
        return Arena.global().allocateFrom(text).address();
    }
}
