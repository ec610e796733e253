package io.pybridge.internal.capi;

import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_CHAR_UNALIGNED;

/**
 * Java strings to Python str and back, exactly: every UTF-16 code unit survives, unpaired surrogates and
 * NUL characters included (Python's {@code surrogatepass}), where a UTF-8 round trip would turn a lone
 * surrogate into {@code '?'}. Works in whichever interpreter the calling thread is attached to, so the
 * main interpreter's conversions and the sub-interpreters' plain values share it. The caller holds that
 * interpreter's GIL.
 *
 * <p>A str keeps its characters at one, two or four bytes each (PEP 393), and so does the JDK a String
 * (one byte, or two, a character). Both ways the characters are copied as they are kept, with no
 * encoding: to Python a byte each where every character fits (Python picks ASCII or Latin-1 from
 * them), else the UTF-16 code units, which Python keeps as they are or narrows; only a string holding a
 * surrogate goes through Python's UTF-16 decoder, which joins the pairs. Back, the characters are read
 * from where the str keeps them, where the layout check on first use passed: no UTF-8 form is made
 * (which CPython would also keep in the str for its life).
 */
public final class PyStrings {
    private static final ValueLayout.OfChar NATIVE_UTF16 = JAVA_CHAR_UNALIGNED;
    private static final ValueLayout.OfChar UTF16_LE = JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int ONE_BYTE_KIND = 1;
    private static final int TWO_BYTE_KIND = 2;
    private static final int FOUR_BYTE_KIND = 4;

    private PyStrings() {
    }

    /** A new str with the code units of {@code text}, or 0 with Python's error set. */
    public static long newStr(NativeScratch scratch, String text) {
        long mark = scratch.mark();
        try {
            if (!hasWide(text)) {
                return CPython.PyUnicode_FromKindAndData(ONE_BYTE_KIND, scratch.latin1(text), text.length());
            }
            char[] units = text.toCharArray();
            if (!hasSurrogate(units)) {
                return CPython.PyUnicode_FromKindAndData(TWO_BYTE_KIND, scratch.utf16(units, NATIVE_UTF16), units.length);
            }
            long byteOrder = scratch.words(1);
            Memory.putInt(byteOrder, -1);
            return CPython.PyUnicode_DecodeUTF16(scratch.utf16(units, UTF16_LE), units.length * 2L,
                    scratch.cString("surrogatepass"), byteOrder);
        } finally {
            scratch.release(mark);
        }
    }

    /**
     * The text of the str {@code text}, or null with Python's error set (a {@code TypeError} where it is
     * no str). Read in place where the layout is known and the str keeps its characters within itself
     * (every str but those of subclasses); otherwise the UTF-8 form CPython caches is copied, and a str
     * holding lone surrogates goes through UTF-16.
     */
    public static String read(NativeScratch scratch, long text) {
        if (Layout.known() && ObjectTypes.isStr(text)) {
            String inPlace = readInPlace(text);
            if (inPlace != null) {
                return inPlace;
            }
        }
        return readThroughEncoding(scratch, text);
    }

    /**
     * The text of the str {@code text} read where it keeps it, or null where it does not (a subclass's
     * str) or the layout is unknown. Needs no GIL (a str's characters never change; the caller's
     * reference keeps them there), but the layout check must have run: {@link #readsInPlace()} under a GIL.
     */
    static String readInPlace(long text) {
        if (!Layout.known()) {
            return null;
        }
        int state = Memory.getInt(text + Layout.STATE);
        if ((state & Layout.COMPACT) == 0) {
            return null;
        }
        long length = Memory.getLong(text + Layout.LENGTH);
        if ((state & Layout.ASCII) != 0) {
            return Memory.latin1(text + Layout.ASCII_DATA, length);
        }
        long data = text + Layout.COMPACT_DATA;
        return switch (Layout.kind(state)) {
            case 1 -> Memory.latin1(data, length);
            case 2 -> Memory.utf16(data, length, NATIVE_UTF16);
            case 4 -> Memory.codePoints(data, length);
            default -> null;
        };
    }

    /** Whether strs are read in place on this interpreter; for tests and diagnostics. */
    public static boolean readsInPlace() {
        return Layout.known();
    }

    private static String readThroughEncoding(NativeScratch scratch, long text) {
        long mark = scratch.mark();
        try {
            long size = scratch.words(1);
            long utf8 = CPython.PyUnicode_AsUTF8AndSize(text, size);
            if (utf8 != 0) {
                return Memory.utf8(utf8, Memory.getLong(size));
            }
            CPython.PyErr_Clear();
            long encoded = CPython.PyUnicode_AsEncodedString(text, scratch.cString("utf-16-le"),
                    scratch.cString("surrogatepass"));
            if (encoded == 0) {
                return null;
            }
            try {
                long slots = scratch.words(2);
                if (CPython.PyBytes_AsStringAndSize(encoded, slots, slots + 8) != 0) {
                    return null;
                }
                return Memory.utf16(NativeScratch.getWord(slots, 0), NativeScratch.getWord(slots, 1) / 2, UTF16_LE);
            } finally {
                CPython.Py_DecRef(encoded);
            }
        } finally {
            scratch.release(mark);
        }
    }

    /**
     * Whether {@code text} holds a character past U+00FF. Costs nothing for the strings the JDK stores a
     * byte a character (the compiled loop knows no such character can be there, and drops itself); stops
     * at the first such character in the others.
     */
    private static boolean hasWide(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) > 0xFF) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSurrogate(char[] units) {
        for (char unit : units) {
            if (Character.isSurrogate(unit)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a str keeps its length, its kind and its characters ({@code PyASCIIObject}, then
     * {@code PyCompactUnicodeObject}), found on first use (the caller holds a GIL): each known layout is
     * tried on strs made through the API from known text, one of each kind, and taken only if every one
     * reads back as made. -1 where none matches; the API is used then.
     */
    private static final class Layout {
        /** The {@code state} bit-field: {@code interned:2, kind:3, compact:1, ascii:1}, lowest bits first. */
        static final int COMPACT = 1 << 5;
        static final int ASCII = 1 << 6;
        static final long LENGTH;
        static final long STATE;
        /** Where an ASCII str's characters start: {@code sizeof(PyASCIIObject)}. */
        static final long ASCII_DATA;
        /** Where any other compact str's characters start: {@code sizeof(PyCompactUnicodeObject)}. */
        static final long COMPACT_DATA;

        static {
            long head = ObjectTypes.headerSize();
            // After the header: length, hash, state (4 bytes, padded to 8); then 3.11 has wstr, and its
            // compact form utf8_length, utf8 and wstr_length; 3.12 and later only utf8_length and utf8.
            long[][] candidates = {{head + 24, head + 40}, {head + 32, head + 56}};
            long ascii = -1;
            long compact = -1;
            NativeScratch scratch = new NativeScratch();
            for (long[] candidate : candidates) {
                if (head > 0 && matches(scratch, head, candidate[0], candidate[1])) {
                    ascii = candidate[0];
                    compact = candidate[1];
                    break;
                }
            }
            LENGTH = head;
            STATE = head + 16;
            ASCII_DATA = ascii;
            COMPACT_DATA = compact;
        }

        static boolean known() {
            return ASCII_DATA > 0;
        }

        static int kind(int state) {
            return (state >>> 2) & 7;
        }

        /** Whether strs of each kind made from known code points read back as made at these offsets. */
        private static boolean matches(NativeScratch scratch, long head, long asciiData, long compactData) {
            // 64 characters each, so that reading the first few at a wrong candidate stays inside the object.
            String tail = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.";
            int[] firsts = {'a', 0xE9, 0x436, 0x1F600};
            for (int first : firsts) {
                int[] codePoints = new int[1 + tail.length()];
                codePoints[0] = first;
                for (int i = 0; i < tail.length(); i++) {
                    codePoints[1 + i] = tail.charAt(i);
                }
                boolean ascii = first < 0x80;
                int kind = first < 0x100 ? 1 : first < 0x10000 ? 2 : 4;
                if (!readsBack(scratch, codePoints, head, ascii ? asciiData : compactData, ascii, kind)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the str Python makes from {@code codePoints} (given four bytes each; Python keeps them at
         * the narrowest kind that holds them) has them where these offsets say. Made through the function
         * the conversions use, so that the check adds no downcall stub of its own.
         */
        private static boolean readsBack(NativeScratch scratch, int[] codePoints, long head, long data, boolean ascii,
                                         int kind) {
            ByteBuffer ucs4 = ByteBuffer.allocate(4 * codePoints.length).order(ByteOrder.nativeOrder());
            for (int codePoint : codePoints) {
                ucs4.putInt(codePoint);
            }
            long mark = scratch.mark();
            long str = CPython.PyUnicode_FromKindAndData(FOUR_BYTE_KIND, scratch.bytes(ucs4.array()), codePoints.length);
            scratch.release(mark);
            if (str == 0) {
                CPython.PyErr_Clear();
                return false;
            }
            try {
                int state = Memory.getInt(str + head + 16);
                boolean same = Memory.getLong(str + head) == codePoints.length
                        && (state & COMPACT) != 0 && ((state & ASCII) != 0) == ascii && kind(state) == kind;
                for (int i = 0; same && i < 4; i++) {
                    long at = str + data + (long) i * kind;
                    int unit = kind == 1 ? Byte.toUnsignedInt(Memory.getByte(at))
                            : kind == 2 ? Short.toUnsignedInt(Memory.getShort(at)) : Memory.getInt(at);
                    same = unit == codePoints[i];
                }
                return same;
            } finally {
                ObjectTypes.dropLeaf(str);
            }
        }
    }
}
