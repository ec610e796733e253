package io.pybridge.internal.capi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * Element copies between array data in native memory (numpy arrays, other buffers, Java memory given to
 * numpy) and Java primitive arrays. A row is {@code count} elements {@code stride} bytes apart; a row
 * whose elements already have the Java type and lie side by side is one bulk copy, anything else goes
 * element by element, widening the value (the caller has checked the conversion loses nothing).
 * Callers guarantee the addresses are valid for the whole row.
 */
public final class StridedCopy {
    /** How one element of array data is stored: its size in bytes and how its bits read. */
    public record Element(int size, Kind kind) {
        public enum Kind { BOOL, SIGNED, UNSIGNED, FLOAT }

        /** The Java primitive type with exactly these bits, or null when none has them. */
        public Class<?> sameBits() {
            return switch (kind) {
                case BOOL -> size == 1 ? boolean.class : null;
                case SIGNED -> size == 1 ? byte.class : size == 2 ? short.class : size == 4 ? int.class
                        : size == 8 ? long.class : null;
                case UNSIGNED -> size == 1 ? byte.class : size == 2 ? char.class : null;
                case FLOAT -> size == 4 ? float.class : size == 8 ? double.class : null;
            };
        }
    }

    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private StridedCopy() {
    }

    /** Copies one row of {@code source} elements into {@code target[offset .. offset + count)}. */
    public static void readRow(long address, long stride, int count, Element source, Object target, int offset) {
        if (count == 0) {
            return;
        }
        Class<?> component = target.getClass().componentType();
        if (stride == source.size() && component == source.sameBits() && component != boolean.class) {
            MemorySegment.copy(EVERYTHING, unalignedLayout(component), address, target, offset, count);
            return;
        }
        switch (target) {
            case float[] f -> {
                for (int i = 0; i < count; i++) {
                    f[offset + i] = (float) readDouble(source, address + i * stride);
                }
            }
            case double[] d -> {
                for (int i = 0; i < count; i++) {
                    d[offset + i] = readDouble(source, address + i * stride);
                }
            }
            case long[] l -> {
                for (int i = 0; i < count; i++) {
                    l[offset + i] = readLong(source, address + i * stride);
                }
            }
            case int[] n -> {
                for (int i = 0; i < count; i++) {
                    n[offset + i] = (int) readLong(source, address + i * stride);
                }
            }
            case short[] s -> {
                for (int i = 0; i < count; i++) {
                    s[offset + i] = (short) readLong(source, address + i * stride);
                }
            }
            case char[] c -> {
                for (int i = 0; i < count; i++) {
                    c[offset + i] = (char) readLong(source, address + i * stride);
                }
            }
            case byte[] b -> {
                for (int i = 0; i < count; i++) {
                    b[offset + i] = EVERYTHING.get(JAVA_BYTE, address + i * stride);
                }
            }
            case boolean[] z -> {
                for (int i = 0; i < count; i++) {
                    z[offset + i] = readLong(source, address + i * stride) != 0;
                }
            }
            default -> throw new IllegalArgumentException("not a primitive array: " + target.getClass().getTypeName());
        }
    }

    /** Copies the raw bytes of one row, element by element when {@code stride} leaves gaps. */
    public static void readRowBytes(long address, long stride, int count, int itemSize, byte[] target, int offset) {
        if (stride == itemSize) {
            MemorySegment.copy(EVERYTHING, JAVA_BYTE, address, target, offset, count * itemSize);
            return;
        }
        for (int i = 0; i < count; i++) {
            MemorySegment.copy(EVERYTHING, JAVA_BYTE, address + i * stride, target, offset + i * itemSize, itemSize);
        }
    }

    /**
     * Writes {@code count} elements of a Java primitive array, from {@code offset}, side by side at
     * {@code address} with their own bits ({@code boolean} as one byte, 0 or 1).
     */
    public static void write(Object source, int offset, int count, long address) {
        if (source instanceof boolean[] z) {
            for (int i = 0; i < count; i++) {
                EVERYTHING.set(JAVA_BYTE, address + i, (byte) (z[offset + i] ? 1 : 0));
            }
            return;
        }
        ValueLayout layout = unalignedLayout(source.getClass().componentType());
        MemorySegment.copy(source, offset, EVERYTHING, layout, address, count);
    }

    private static double readDouble(Element type, long address) {
        if (type.kind() != Element.Kind.FLOAT) {
            return readLong(type, address);
        }
        return switch (type.size()) {
            case 8 -> EVERYTHING.get(JAVA_DOUBLE_UNALIGNED, address);
            case 4 -> EVERYTHING.get(JAVA_FLOAT_UNALIGNED, address);
            case 2 -> Float.float16ToFloat(EVERYTHING.get(JAVA_SHORT_UNALIGNED, address));
            default -> throw new IllegalArgumentException("no " + type.size() + "-byte floating point type");
        };
    }

    private static long readLong(Element type, long address) {
        if (type.kind() == Element.Kind.FLOAT) {
            throw new IllegalArgumentException(type + " is not an integer type");
        }
        boolean signed = type.kind() == Element.Kind.SIGNED;
        return switch (type.size()) {
            case 1 -> signed ? EVERYTHING.get(JAVA_BYTE, address) : EVERYTHING.get(JAVA_BYTE, address) & 0xFFL;
            case 2 -> signed ? EVERYTHING.get(JAVA_SHORT_UNALIGNED, address) : EVERYTHING.get(JAVA_CHAR_UNALIGNED, address);
            case 4 -> signed ? EVERYTHING.get(JAVA_INT_UNALIGNED, address)
                    : EVERYTHING.get(JAVA_INT_UNALIGNED, address) & 0xFFFF_FFFFL;
            case 8 -> EVERYTHING.get(JAVA_LONG_UNALIGNED, address);
            default -> throw new IllegalArgumentException("no " + type.size() + "-byte integer type");
        };
    }

    private static ValueLayout unalignedLayout(Class<?> component) {
        if (component == float.class) {
            return JAVA_FLOAT_UNALIGNED;
        }
        if (component == double.class) {
            return JAVA_DOUBLE_UNALIGNED;
        }
        if (component == int.class) {
            return JAVA_INT_UNALIGNED;
        }
        if (component == long.class) {
            return JAVA_LONG_UNALIGNED;
        }
        if (component == short.class) {
            return JAVA_SHORT_UNALIGNED;
        }
        if (component == char.class) {
            return JAVA_CHAR_UNALIGNED;
        }
        if (component == byte.class) {
            return JAVA_BYTE;
        }
        throw new IllegalArgumentException("no bulk copy for " + component);
    }
}
