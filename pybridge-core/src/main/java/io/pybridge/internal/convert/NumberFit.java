package io.pybridge.internal.convert;

import java.math.BigInteger;

/**
 * The one rule for numbers that cross between Python and Java: a value converts only when the target
 * type can hold it. Integral targets ({@code byte}…{@code long}, {@code BigInteger}) take an integral
 * value in their range ({@code bool} counts as the int 0 or 1, as in Python) and never truncate or wrap;
 * a float is not integral, whatever its value. Floating targets round to the nearest value, as Python's
 * {@code float()} does, but refuse a finite value that would become infinite ({@code struct.pack('f',
 * 1e300)} refuses it too); NaN and the infinities convert as they are. Java values going to Python always
 * fit: every Java number type has a Python type that holds all its values exactly.
 */
public final class NumberFit {
    private static final int MAX_DIGITS_SHOWN = 40;

    private NumberFit() {
    }

    /** Whether the finite {@code value} stays finite as a float (rounding to nearest is allowed). */
    public static boolean fitsFloat(double value) {
        return !Float.isInfinite((float) value) || Double.isInfinite(value);
    }

    /** Whether {@code value} rounds to a finite double (BigInteger rounds to nearest, as Python's int does). */
    public static boolean fitsDouble(BigInteger value) {
        return !Double.isInfinite(value.doubleValue());
    }

    /** The message for a value the target cannot hold: "expected a value that fits float, got float 1e+300". */
    public static String doesNotFit(String javaType, String pythonType, String value) {
        return "expected a value that fits " + javaType + ", got " + pythonType + " " + value;
    }

    /** An integer as text, its middle left out when it is long: 10**400 does not fill a line. */
    public static String integerText(Object value) {
        String text = String.valueOf(value);
        int digits = text.startsWith("-") ? text.length() - 1 : text.length();
        if (digits <= MAX_DIGITS_SHOWN) {
            return text;
        }
        return text.substring(0, 16) + "..." + text.substring(text.length() - 8) + " (" + digits + " digits)";
    }
}
