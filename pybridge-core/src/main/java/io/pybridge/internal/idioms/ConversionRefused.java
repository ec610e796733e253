package io.pybridge.internal.idioms;

/**
 * A value the idioms' conversions cannot take (a Python object that lacks a method of the interface it
 * should implement): the conversion engine turns it into a {@code PythonConversionException} carrying
 * the path of the value, as it does for its own failures. No stack trace: it never reaches the caller.
 */
public final class ConversionRefused extends RuntimeException {
    public ConversionRefused(String problem) {
        super(problem, null, false, false);
    }
}
