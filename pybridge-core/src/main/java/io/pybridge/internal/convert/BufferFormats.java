package io.pybridge.internal.convert;

import io.pybridge.numpy.DType;

import java.nio.ByteOrder;

/**
 * The {@link DType} of a buffer from its struct-module format ({@code "f"}, {@code "<i8"}, {@code "?"}).
 * Sizes come from the buffer's item size, not the letter, so {@code 'l'} is right on both LP64 (8 bytes)
 * and Windows (4 bytes).
 */
final class BufferFormats {
    private static final char NATIVE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? '<' : '>';

    private BufferFormats() {
    }

    /** The dtype of a buffer, or a failure saying why it has none. */
    static DType dtypeOf(String format, long itemSize) {
        String code = format;
        if (!code.isEmpty() && "@=<>!".indexOf(code.charAt(0)) >= 0) {
            char order = code.charAt(0);
            if ((order == '<' || order == '>' || order == '!') && order != NATIVE && itemSize > 1) {
                throw new ConversionFailure("the buffer's elements are in " + (order == '<' ? "little" : "big")
                        + "-endian order, not this machine's; convert it in Python first, e.g. "
                        + "a.astype(a.dtype.newbyteorder('='))");
            }
            code = code.substring(1);
        }
        DType dtype = code.length() == 1 ? byLetter(code.charAt(0), itemSize) : null;
        if (dtype == null) {
            throw new ConversionFailure("buffer format '" + format + "' (item size " + itemSize + ") has no DType; "
                    + "supported are bool, signed and unsigned integers of 1 to 8 bytes, float16, float32 and float64");
        }
        return dtype;
    }

    private static DType byLetter(char letter, long itemSize) {
        return switch (letter) {
            case '?' -> itemSize == 1 ? DType.BOOL : null;
            case 'b', 'h', 'i', 'l', 'q', 'n' -> signed(itemSize);
            case 'B', 'H', 'I', 'L', 'Q', 'N', 'c' -> unsigned(itemSize);
            case 'e' -> itemSize == 2 ? DType.FLOAT16 : null;
            case 'f' -> itemSize == 4 ? DType.FLOAT32 : null;
            case 'd' -> itemSize == 8 ? DType.FLOAT64 : null;
            default -> null;
        };
    }

    private static DType signed(long itemSize) {
        return switch ((int) itemSize) {
            case 1 -> DType.INT8;
            case 2 -> DType.INT16;
            case 4 -> DType.INT32;
            case 8 -> DType.INT64;
            default -> null;
        };
    }

    private static DType unsigned(long itemSize) {
        return switch ((int) itemSize) {
            case 1 -> DType.UINT8;
            case 2 -> DType.UINT16;
            case 4 -> DType.UINT32;
            case 8 -> DType.UINT64;
            default -> null;
        };
    }
}
