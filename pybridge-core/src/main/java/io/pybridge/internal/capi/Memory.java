package io.pybridge.internal.capi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * Reads and writes of native memory at raw addresses handed out by CPython or {@link NativeScratch}.
 * Callers guarantee that the address is valid for the size they ask for: this class cannot check.
 */
public final class Memory {
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private Memory() {
    }

    /** A segment over {@code size} bytes at {@code address}. */
    public static MemorySegment at(long address, long size) {
        return EVERYTHING.asSlice(address, size);
    }

    public static long getLong(long address) {
        return EVERYTHING.get(JAVA_LONG_UNALIGNED, address);
    }

    public static void putLong(long address, long value) {
        EVERYTHING.set(JAVA_LONG_UNALIGNED, address, value);
    }

    public static byte getByte(long address) {
        return EVERYTHING.get(JAVA_BYTE, address);
    }

    public static short getShort(long address) {
        return EVERYTHING.get(JAVA_SHORT_UNALIGNED, address);
    }

    public static double getDouble(long address) {
        return EVERYTHING.get(JAVA_DOUBLE_UNALIGNED, address);
    }

    public static int getInt(long address) {
        return EVERYTHING.get(JAVA_INT_UNALIGNED, address);
    }

    public static void putInt(long address, int value) {
        EVERYTHING.set(JAVA_INT_UNALIGNED, address, value);
    }

    public static byte[] copyBytes(long address, long length) {
        byte[] out = new byte[arrayLength(length, "bytes")];
        MemorySegment.copy(EVERYTHING, JAVA_BYTE, address, out, 0, out.length);
        return out;
    }

    public static String utf8(long address, long length) {
        return new String(copyBytes(address, length), StandardCharsets.UTF_8);
    }

    /** {@code length} characters of one byte each (ISO 8859-1, which ASCII is part of). */
    public static String latin1(long address, long length) {
        return new String(copyBytes(address, length), StandardCharsets.ISO_8859_1);
    }

    /** {@code length} UTF-16 code units, each in the byte order of {@code layout}. */
    public static String utf16(long address, long length, ValueLayout.OfChar layout) {
        char[] units = new char[arrayLength(length, "UTF-16 code units")];
        MemorySegment.copy(EVERYTHING, layout, address, units, 0, units.length);
        return new String(units);
    }

    /** {@code length} Unicode code points of four bytes each, in native byte order. */
    public static String codePoints(long address, long length) {
        int[] points = new int[arrayLength(length, "code points")];
        MemorySegment.copy(EVERYTHING, JAVA_INT_UNALIGNED, address, points, 0, points.length);
        return new String(points, 0, points.length);
    }

    /** Copies {@code units} to {@code address}, each code unit in the byte order of {@code layout}. */
    public static void putChars(long address, char[] units, ValueLayout.OfChar layout) {
        MemorySegment.copy(units, 0, EVERYTHING, layout, address, units.length);
    }

    private static int arrayLength(long length, String what) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(length + " " + what + " do not fit a Java array");
        }
        return (int) length;
    }

    /**
     * A NUL-terminated C string, decoded as UTF-8. Read byte by byte: the strings read this way are short
     * (buffer formats such as {@code "f"}, names), and a one-character ASCII string comes from a table.
     */
    public static String cString(long address) {
        byte first = EVERYTHING.get(JAVA_BYTE, address);
        if (first == 0) {
            return "";
        }
        if (first > 0 && EVERYTHING.get(JAVA_BYTE, address + 1) == 0) {
            return ONE_ASCII_CHARACTER[first];
        }
        long length = 1;
        while (EVERYTHING.get(JAVA_BYTE, address + length) != 0) {
            length++;
        }
        return utf8(address, length);
    }

    private static final String[] ONE_ASCII_CHARACTER = new String[128];

    static {
        for (int c = 0; c < ONE_ASCII_CHARACTER.length; c++) {
            ONE_ASCII_CHARACTER[c] = String.valueOf((char) c);
        }
    }
}
