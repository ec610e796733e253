package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** The sample encodings of WAV files: integer PCM of 8 to 32 bits and IEEE floats, little-endian. */
public enum WavEncoding {
    /** Unsigned 8-bit PCM, silence at 128. */
    PCM_8(WavEncoding.PCM_TAG, 8),
    PCM_16(WavEncoding.PCM_TAG, 16),
    PCM_24(WavEncoding.PCM_TAG, 24),
    PCM_32(WavEncoding.PCM_TAG, 32),
    FLOAT_32(WavEncoding.FLOAT_TAG, 32),
    FLOAT_64(WavEncoding.FLOAT_TAG, 64);

    static final int PCM_TAG = 1;
    static final int FLOAT_TAG = 3;

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int formatTag;
    private final int bits;

    WavEncoding(int formatTag, int bits) {
        this.formatTag = formatTag;
        this.bits = bits;
    }

    /** WAVE_FORMAT_PCM (1) or WAVE_FORMAT_IEEE_FLOAT (3). */
    public int formatTag() {
        return formatTag;
    }

    public int bitsPerSample() {
        return bits;
    }

    public int bytesPerSample() {
        return bits / 8;
    }

    /** The encoding of a format tag (after resolving WAVE_FORMAT_EXTENSIBLE) and a sample size. */
    public static Optional<WavEncoding> of(int formatTag, int bitsPerSample) {
        for (WavEncoding encoding : values()) {
            if (encoding.formatTag == formatTag && encoding.bits == bitsPerSample) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads {@code count} consecutive samples from {@code offset} into {@code into}, integers scaled to
     * [-1, 1), floats as stored. They are copied into a Java array first, in one bulk copy that also
     * swaps the byte order where needed: a loop of single-sample segment reads costs ten times more until
     * the JIT compiles it.
     */
    public void readSamples(MemorySegment data, long offset, double[] into, int count) {
        switch (this) {
            case PCM_8 -> {
                byte[] raw = new byte[count];
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, raw, 0, count);
                for (int i = 0; i < count; i++) {
                    into[i] = ((raw[i] & 0xFF) - 128) / 128.0;
                }
            }
            case PCM_16 -> {
                short[] raw = new short[count];
                MemorySegment.copy(data, SHORT, offset, raw, 0, count);
                for (int i = 0; i < count; i++) {
                    into[i] = raw[i] / 32768.0;
                }
            }
            case PCM_24 -> {
                byte[] raw = new byte[3 * count];
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, raw, 0, raw.length);
                for (int i = 0; i < count; i++) {
                    int value = (raw[3 * i] & 0xFF) | (raw[3 * i + 1] & 0xFF) << 8
                            | raw[3 * i + 2] << 16; // the top byte carries the sign
                    into[i] = value / 8388608.0;
                }
            }
            case PCM_32 -> {
                int[] raw = new int[count];
                MemorySegment.copy(data, INT, offset, raw, 0, count);
                for (int i = 0; i < count; i++) {
                    into[i] = raw[i] / 2147483648.0;
                }
            }
            case FLOAT_32 -> {
                float[] raw = new float[count];
                MemorySegment.copy(data, FLOAT, offset, raw, 0, count);
                for (int i = 0; i < count; i++) {
                    into[i] = raw[i];
                }
            }
            case FLOAT_64 -> MemorySegment.copy(data, DOUBLE, offset, into, 0, count);
        }
    }

    /** Appends one sample in [-1, 1] (clamped; integers rounded) to a little-endian buffer. */
    public void write(ByteBuffer out, double sample) {
        double value = Math.max(-1.0, Math.min(1.0, sample));
        switch (this) {
            case PCM_8 -> out.put((byte) clamp(Math.rint(value * 128.0 + 128.0), 0, 255));
            case PCM_16 -> out.putShort((short) clamp(Math.rint(value * 32768.0), -32768, 32767));
            case PCM_24 -> {
                long scaled = clamp(Math.rint(value * 8388608.0), -8388608, 8388607);
                out.put((byte) scaled).put((byte) (scaled >> 8)).put((byte) (scaled >> 16));
            }
            case PCM_32 -> out.putInt((int) clamp(Math.rint(value * 2147483648.0), Integer.MIN_VALUE, Integer.MAX_VALUE));
            case FLOAT_32 -> out.putFloat((float) value);
            case FLOAT_64 -> out.putDouble(value);
        }
    }

    private static long clamp(double value, long min, long max) {
        return (long) Math.max(min, Math.min(max, value));
    }
}
