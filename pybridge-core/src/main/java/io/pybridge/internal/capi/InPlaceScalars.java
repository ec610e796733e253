package io.pybridge.internal.capi;

/**
 * Immutable scalars read where the object keeps them, by a thread that holds a strong reference to the
 * object but not the GIL: an exact {@code int} of up to two 30-bit digits (any value below 2<sup>60</sup>
 * in magnitude), a {@code float}, a compact {@code str}. Nothing else in such an object changes while it
 * lives (its reference count does, which these reads never touch), so no lock is needed; the reference
 * keeps the memory there.
 *
 * <p>Usable once {@link #prepare()}, called with the GIL held, has found every layout involved: the
 * object header ({@link ObjectTypes}), the str ({@link PyStrings}), and the int's and float's, each
 * checked on objects made through the API from known values. Until then, and on an interpreter where one
 * of them is not as expected, {@link #ready()} is false and callers take the GIL and the API.
 *
 * <p>An int's digit count and sign are kept in one word after the header: {@code ob_size}, the digit
 * count with the value's sign, up to 3.11; {@code lv_tag}, the digit count shifted left by three above
 * two sign bits (0 positive, 1 zero, 2 negative), from 3.12. Its digits follow, 30 bits in 32.
 */
public final class InPlaceScalars {
    private static final int DIGIT_BITS = 30;
    private static final long DIGIT_MASK = (1L << DIGIT_BITS) - 1;
    private static final int MAX_DIGITS = 2;
    /** What {@link #compactInt} answers for an int too large for it; no two-digit int has this value. */
    public static final long NOT_COMPACT = Long.MIN_VALUE;

    private static volatile boolean ready;

    private InPlaceScalars() {
    }

    /** Whether the reads below may be used; false until {@link #prepare()} found every layout. */
    public static boolean ready() {
        return ready;
    }

    /** Checks the layouts on first use (the caller holds the GIL); afterwards costs a field read. */
    public static void prepare() {
        if (!ready) {
            ready = Layout.USABLE;
        }
    }

    /**
     * The value of the exact int {@code object}, or {@link #NOT_COMPACT} when it has more than two digits
     * (the API reads those).
     */
    public static long compactInt(long object) {
        return decode(object, Layout.SIGNED_SIZE);
    }

    /** The value of the exact float {@code object}. */
    public static double floatValue(long object) {
        return Memory.getDouble(object + Layout.HEADER);
    }

    /** The text of the exact str {@code object}, or null where it does not keep it in itself. */
    public static String str(long object) {
        return PyStrings.readInPlace(object);
    }

    private static long decode(long object, boolean signedSize) {
        long word = Memory.getLong(object + Layout.HEADER);
        long digits;
        boolean negative;
        if (signedSize) {
            digits = Math.abs(word);
            negative = word < 0;
        } else {
            digits = word >>> 3;
            negative = (word & 3) == 2;
        }
        if (digits > MAX_DIGITS) {
            return NOT_COMPACT;
        }
        long digitsAt = object + Layout.HEADER + 8;
        long magnitude = 0;
        for (int i = (int) digits - 1; i >= 0; i--) {
            magnitude = magnitude << DIGIT_BITS | (Memory.getInt(digitsAt + 4L * i) & DIGIT_MASK);
        }
        return negative ? -magnitude : magnitude;
    }

    /** The layouts, found when first needed; the caller of that first use holds the GIL. */
    private static final class Layout {
        static final long HEADER = ObjectTypes.headerSize();
        private static final long[] INTS = {0, 1, -1, 7, -7, 256, -257, DIGIT_MASK, DIGIT_MASK + 1, -DIGIT_MASK - 2,
                (1L << 60) - 1, -(1L << 60) + 1, 1L << 60, Long.MAX_VALUE, Long.MIN_VALUE};
        private static final long FLOAT_MAX = PermanentMemory.cString("max");
        private static final long FLOAT_MIN = PermanentMemory.cString("min");
        private static final long FLOAT_EPSILON = PermanentMemory.cString("epsilon");
        /** Whether the word before the digits is 3.11's signed size (true) or 3.12's tag (false). */
        static final boolean SIGNED_SIZE = intsReadBack(true);
        static final boolean USABLE = HEADER > 0 && ObjectTypes.readsInPlace() && PyStrings.readsInPlace()
                && (SIGNED_SIZE || intsReadBack(false)) && floatsReadBack();

        /** Whether every test int reads back as made (or as too large, past two digits) with this encoding. */
        private static boolean intsReadBack(boolean signedSize) {
            if (HEADER <= 0) {
                return false;
            }
            for (long value : INTS) {
                long object = CPython.PyLong_FromLongLong(value);
                if (object == 0) {
                    CPython.PyErr_Clear();
                    return false;
                }
                try {
                    boolean compact = Math.abs(value) < 1L << (DIGIT_BITS * MAX_DIGITS) && value != Long.MIN_VALUE;
                    if (decode(object, signedSize) != (compact ? value : NOT_COMPACT)) {
                        return false;
                    }
                } finally {
                    ObjectTypes.dropLeaf(object);
                }
            }
            return true;
        }

        /**
         * Whether sys.float_info's max, min and epsilon, floats CPython makes itself, read back as
         * {@link Double#MAX_VALUE}, {@link Double#MIN_NORMAL} and {@code Math.ulp(1.0)}. Made through
         * {@code PyFloat_FromDouble} they would cost every start a downcall stub of their own.
         */
        private static boolean floatsReadBack() {
            long info = CPython.PyFloat_GetInfo();
            if (info == 0) {
                CPython.PyErr_Clear();
                return false;
            }
            try {
                return floatReadsBack(info, FLOAT_MAX, Double.MAX_VALUE)
                        && floatReadsBack(info, FLOAT_MIN, Double.MIN_NORMAL)
                        && floatReadsBack(info, FLOAT_EPSILON, Math.ulp(1.0));
            } finally {
                CPython.Py_DecRef(info);
            }
        }

        private static boolean floatReadsBack(long info, long field, double expected) {
            long object = CPython.PyObject_GetAttrString(info, field);
            if (object == 0) {
                CPython.PyErr_Clear();
                return false;
            }
            try {
                return ObjectTypes.of(object) == PyConstants.FLOAT_TYPE
                        && Double.doubleToRawLongBits(Memory.getDouble(object + HEADER)) == Double.doubleToRawLongBits(expected);
            } finally {
                CPython.Py_DecRef(object);
            }
        }
    }
}
