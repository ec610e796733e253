package io.pybridge.numpy;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The element types an {@link NDArray} can hold: numpy's fixed-size numeric dtypes in the machine's
 * byte order. Each knows its size in bytes and its numpy type string, so that Java memory handed to
 * numpy ({@link NDArray#wrap}) is read the way it was written.
 */
public enum DType {
    BOOL(1, 'b'),
    INT8(1, 'i'),
    INT16(2, 'i'),
    INT32(4, 'i'),
    INT64(8, 'i'),
    UINT8(1, 'u'),
    UINT16(2, 'u'),
    UINT32(4, 'u'),
    UINT64(8, 'u'),
    FLOAT16(2, 'f'),
    FLOAT32(4, 'f'),
    FLOAT64(8, 'f');

    private final int itemSize;
    private final char kind;

    DType(int itemSize, char kind) {
        this.itemSize = itemSize;
        this.kind = kind;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** numpy's name for it: {@code "float32"}, {@code "uint8"}, {@code "bool"}. */
    public String numpyName() {
        return this == BOOL ? "bool" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code __array_interface__} type string in this machine's byte order: {@code "<f4"} on a
     * little-endian machine; {@code "|u1"} for one-byte types, which have no byte order.
     */
    public String typeString() {
        char order = itemSize == 1 ? '|' : ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return "" + order + kind + itemSize;
    }

    /** Whether values are floating point (FLOAT16, FLOAT32, FLOAT64). */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }
}
