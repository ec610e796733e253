package io.pybridge.internal.capi;

/**
 * Immutable scalars read where the object keeps them, by a thread that holds a strong reference to the
 * object but not the GIL: an exact {@code int} that a Java {@code long} holds (up to three 30-bit
 * digits; all but {@link Long#MIN_VALUE}), a {@code float}, a compact {@code str}. Nothing else in such an
 * object changes while it lives (its reference count does, which these reads never touch), so no lock is needed; the reference
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
    private static final int MAX_DIGITS = 3;
    /** A three-digit int is below 2<sup>63</sup> in magnitude while its top digit is below this. */
    private static final int TOP_DIGIT_LIMIT = 1 << (Long.SIZE - 1 - (MAX_DIGITS - 1) * DIGIT_BITS);
    /** What {@link #longValue} answers for an int it does not read; no int it reads has this value. */
    public static final long NOT_READ = Long.MIN_VALUE;

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
     * The value of the exact int {@code object}, or {@link #NOT_READ} when it is {@link Long#MIN_VALUE} or
     * beyond a long (the API reads those).
     */
    public static long longValue(long object) {
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
        long digitsAt = object + Layout.HEADER + 8;
        if (digits > MAX_DIGITS || digits == MAX_DIGITS && topDigit(digitsAt) >= TOP_DIGIT_LIMIT) {
            return NOT_READ;
        }
        long magnitude = 0;
        for (int i = (int) digits - 1; i >= 0; i--) {
            magnitude = magnitude << DIGIT_BITS | (Memory.getInt(digitsAt + 4L * i) & DIGIT_MASK);
        }
        return negative ? -magnitude : magnitude;
    }

    private static int topDigit(long digitsAt) {
        return Memory.getInt(digitsAt + 4L * (MAX_DIGITS - 1)) & (int) DIGIT_MASK;
    }

    /** The layouts, found when first needed; the caller of that first use holds the GIL. */
    private static final class Layout {
        static final long HEADER = ObjectTypes.headerSize();
        private static final long[] INTS = {0, 1, -1, 7, -7, 256, -257, DIGIT_MASK, DIGIT_MASK + 1, -DIGIT_MASK - 2,
                (1L << 60) - 1, -(1L << 60) + 1, 1L << 60, -(1L << 60), (1L << 62) + 12345, -(1L << 61) - 67890,
                Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE};
        private static final long FLOAT_MAX = PermanentMemory.cString("max");
        private static final long FLOAT_MIN = PermanentMemory.cString("min");
        private static final long FLOAT_EPSILON = PermanentMemory.cString("epsilon");
        /** Whether the word before the digits is 3.11's signed size (true) or 3.12's tag (false). */
        static final boolean SIGNED_SIZE = intsReadBack(true);
        static final boolean USABLE = HEADER > 0 && ObjectTypes.readsInPlace() && PyStrings.readsInPlace()
                && (SIGNED_SIZE || intsReadBack(false)) && floatsReadBack();

        /** Whether every test int reads back as made (Long.MIN_VALUE as not read) with this encoding. */
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
                    if (decode(object, signedSize) != (value == Long.MIN_VALUE ? NOT_READ : value)) {
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
