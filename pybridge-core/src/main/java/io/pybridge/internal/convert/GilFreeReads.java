package io.pybridge.internal.convert;

import io.pybridge.internal.capi.InPlaceScalars;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.PyConstants;

/**
 * Conversions that need no GIL: an exact int, float, bool or str, or None, to the Java type
 * {@link PythonToJava} would make of it (a Java number type, {@code Boolean}, {@code String} or
 * {@code Object}), read where the object keeps its value
 * ({@link InPlaceScalars}): a result read on a thread that does not hold the GIL costs no acquisition,
 * and on a virtual thread no hop to a carrier thread. Anything
 * else, and any value these reads cannot answer for (an int beyond a long, a subclass, a value that does not
 * fit), is left to the conversion under the GIL, which also makes every error message.
 */
final class GilFreeReads {
    /** What {@link #read} answers when it leaves the conversion to the GIL path. */
    static final Object NOT_READ = new Object();

    private GilFreeReads() {
    }

    /** Whether {@code target} is one of the types these reads may produce. */
    static boolean handles(Class<?> target) {
        return target == Long.class || target == long.class || target == Integer.class || target == int.class
                || target == Short.class || target == short.class || target == Byte.class || target == byte.class
                || target == Double.class || target == double.class || target == Float.class || target == float.class
                || target == Boolean.class || target == boolean.class || target == String.class
                || target == Object.class;
    }

    /**
     * {@code object} as {@code target}, or {@link #NOT_READ}. The caller holds a use of the object and is
     * marked inside the interpreter, and {@link InPlaceScalars#ready()} is true.
     */
    static Object read(long object, Class<?> target) {
        if (object == PyConstants.NONE) {
            return target.isPrimitive() ? NOT_READ : null;
        }
        if (object == PyConstants.TRUE || object == PyConstants.FALSE) {
            return target == Boolean.class || target == boolean.class || target == Object.class
                    ? object == PyConstants.TRUE : NOT_READ;
        }
        long type = ObjectTypes.of(object);
        if (type == PyConstants.LONG_TYPE) {
            long value = InPlaceScalars.longValue(object);
            if (value == InPlaceScalars.NOT_READ) {
                return NOT_READ;
            }
            if (target == Long.class || target == long.class || target == Object.class) {
                return value;
            }
            if (target == Integer.class || target == int.class) {
                return value == (int) value ? (Object) (int) value : NOT_READ;
            }
            if (target == Short.class || target == short.class) {
                return value == (short) value ? (Object) (short) value : NOT_READ;
            }
            if (target == Byte.class || target == byte.class) {
                return value == (byte) value ? (Object) (byte) value : NOT_READ;
            }
            if (target == Double.class || target == double.class) {
                return (double) value;
            }
            // Through double, as the conversion under the GIL rounds (PyLong_AsDouble, then to float).
            return target == Float.class || target == float.class ? (Object) (float) (double) value : NOT_READ;
        }
        if (type == PyConstants.FLOAT_TYPE) {
            if (target == Double.class || target == double.class || target == Object.class) {
                return InPlaceScalars.floatValue(object);
            }
            if (target == Float.class || target == float.class) {
                double value = InPlaceScalars.floatValue(object);
                return NumberFit.fitsFloat(value) ? (Object) (float) value : NOT_READ;
            }
            return NOT_READ;
        }
        if (type == PyConstants.UNICODE_TYPE && (target == String.class || target == Object.class)) {
            String text = InPlaceScalars.str(object);
            return text != null ? text : NOT_READ;
        }
        return NOT_READ;
    }
}
