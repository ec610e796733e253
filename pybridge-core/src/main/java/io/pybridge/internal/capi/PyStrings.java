package io.pybridge.internal.capi;

import java.nio.charset.StandardCharsets;

/**
 * Java strings to Python str and back, exactly: every UTF-16 code unit survives, unpaired surrogates and
 * NUL characters included (Python's {@code surrogatepass}), where a UTF-8 round trip would turn a lone
 * surrogate into {@code '?'}. Works in whichever interpreter the calling thread is attached to, so the
 * main interpreter's conversions and the sub-interpreters' plain values share it. The caller holds that
 * interpreter's GIL.
 */
public final class PyStrings {

    private PyStrings() {
    }

    /** A new str with the code units of {@code text}, or 0 with Python's error set. */
    public static long newStr(NativeScratch scratch, String text) {
        long mark = scratch.mark();
        try {
            if (!hasSurrogate(text)) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                return CPython.PyUnicode_FromStringAndSize(scratch.bytes(utf8), utf8.length);
            }
            long byteOrder = scratch.words(1);
            Memory.putInt(byteOrder, -1);
            return CPython.PyUnicode_DecodeUTF16(scratch.utf16le(text), text.length() * 2L,
                    scratch.cString("surrogatepass"), byteOrder);
        } finally {
            scratch.release(mark);
        }
    }

    /**
     * The text of the str {@code text}, or null with Python's error set. The UTF-8 form CPython caches is
     * copied directly; a str holding lone surrogates (which UTF-8 cannot carry) goes through UTF-16.
     */
    public static String read(NativeScratch scratch, long text) {
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
                byte[] units = Memory.copyBytes(NativeScratch.getWord(slots, 0), NativeScratch.getWord(slots, 1));
                char[] chars = new char[units.length / 2];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) ((units[2 * i] & 0xff) | (units[2 * i + 1] & 0xff) << 8);
                }
                return new String(chars);
            } finally {
                CPython.Py_DecRef(encoded);
            }
        } finally {
            scratch.release(mark);
        }
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
