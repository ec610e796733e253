package io.pybridge.internal.convert;

import io.pybridge.numpy.DType;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static io.pybridge.numpy.DType.BOOL;
import static io.pybridge.numpy.DType.FLOAT16;
import static io.pybridge.numpy.DType.FLOAT32;
import static io.pybridge.numpy.DType.FLOAT64;
import static io.pybridge.numpy.DType.INT16;
import static io.pybridge.numpy.DType.INT32;
import static io.pybridge.numpy.DType.INT64;
import static io.pybridge.numpy.DType.INT8;
import static io.pybridge.numpy.DType.UINT16;
import static io.pybridge.numpy.DType.UINT32;
import static io.pybridge.numpy.DType.UINT8;

/**
 * Which array element types a Java primitive array can take without losing a value: numpy's "safe"
 * casts ({@code numpy.can_cast(src, dst, 'safe')}). A float32 array fits {@code float[]} and
 * {@code double[]}; a float64 array does not fit {@code float[]}, and an int64 array does not fit
 * {@code double[]}, since some of their values would change. {@code byte[]} takes the raw bits of
 * one-byte types.
 */
final class LosslessCopies {
    private static final Set<DType> TO_BOOLEAN = EnumSet.of(BOOL);
    private static final Set<DType> TO_BYTE = EnumSet.of(BOOL, INT8, UINT8);
    private static final Set<DType> TO_SHORT = EnumSet.of(BOOL, INT8, UINT8, INT16);
    private static final Set<DType> TO_CHAR = EnumSet.of(BOOL, UINT8, UINT16);
    private static final Set<DType> TO_INT = EnumSet.of(BOOL, INT8, UINT8, INT16, UINT16, INT32);
    private static final Set<DType> TO_LONG = EnumSet.of(BOOL, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64);
    private static final Set<DType> TO_FLOAT = EnumSet.of(BOOL, INT8, UINT8, INT16, UINT16, FLOAT16, FLOAT32);
    private static final Set<DType> TO_DOUBLE = EnumSet.of(BOOL, INT8, UINT8, INT16, UINT16, INT32, UINT32,
            FLOAT16, FLOAT32, FLOAT64);

    private LosslessCopies() {
    }

    /** Fails unless every {@code source} value fits the Java {@code component} type unchanged. */
    static void check(DType source, Class<?> component, String javaType) {
        Set<DType> accepted = accepted(component);
        if (!accepted.contains(source)) {
            throw new ConversionFailure("cannot convert a " + source.numpyName() + " array to " + javaType
                    + " without loss (" + javaType + " takes " + names(accepted) + "); convert it in Python first, "
                    + "e.g. a.astype('" + suggestion(component) + "')");
        }
    }

    private static Set<DType> accepted(Class<?> component) {
        if (component == float.class) {
            return TO_FLOAT;
        }
        if (component == double.class) {
            return TO_DOUBLE;
        }
        if (component == int.class) {
            return TO_INT;
        }
        if (component == long.class) {
            return TO_LONG;
        }
        if (component == short.class) {
            return TO_SHORT;
        }
        if (component == char.class) {
            return TO_CHAR;
        }
        if (component == byte.class) {
            return TO_BYTE;
        }
        if (component == boolean.class) {
            return TO_BOOLEAN;
        }
        throw new IllegalArgumentException("not a primitive type: " + component);
    }

    /** The dtype a Java primitive array becomes in numpy. */
    static DType dtypeFor(Class<?> component) {
        if (component == float.class) {
            return FLOAT32;
        }
        if (component == double.class) {
            return FLOAT64;
        }
        if (component == int.class) {
            return INT32;
        }
        if (component == long.class) {
            return INT64;
        }
        if (component == short.class) {
            return INT16;
        }
        if (component == char.class) {
            return UINT16;
        }
        if (component == byte.class) {
            return INT8;
        }
        if (component == boolean.class) {
            return BOOL;
        }
        throw new IllegalArgumentException("not a primitive type: " + component);
    }

    private static String suggestion(Class<?> component) {
        return dtypeFor(component).numpyName();
    }

    private static String names(Set<DType> types) {
        return types.stream().map(DType::numpyName).collect(Collectors.joining(", "));
    }
}
