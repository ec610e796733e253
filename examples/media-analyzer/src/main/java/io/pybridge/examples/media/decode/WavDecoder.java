package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.MediaDecodeException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes RIFF WAVE files (PCM 8/16/24/32-bit, IEEE float 32/64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count) to mono float32 samples in off-heap memory.
 *
 * <p>The file is memory-mapped and converted in one pass into the caller's segment, a block of samples at a
 * time through Java arrays.
 *
 * <p>Not {@code javax.sound.sampled}: its readers (JDK 25) refuse a file with "Stream of unsupported
 * format" and no reason, where this decoder says which chunk or field is wrong; they refuse float
 * and extensible files whose RIFF size is 0 (a streaming placeholder), a 'data' chunk before 'fmt ',
 * or a malformed LIST chunk, and ignore a wrong block align; and their conversion to float divides
 * positive samples by 2^(n-1)-1 but negative ones by 2^(n-1) (16-bit 16384 becomes 0.50001526),
 * unlike this decoder and numpy on the Python side. What they would take over, the chunk walk, this decoder needs anyway
 * to explain a refusal.
 */
public final class WavDecoder {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int EXTENSIBLE_TAG = 0xFFFE;
    /** The size streaming encoders leave in the data chunk when they never come back to fill it in. */
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    /** Samples converted per bulk copy: large enough that the copies' own cost vanishes, small enough to stay in cache. */
    private static final int BLOCK_SAMPLES = 16_384;

    private WavDecoder() {
    }

    /**
     * Decodes {@code path} into a segment from {@code allocator}.
     *
     * @throws MediaDecodeException if the file cannot be read or is not a WAV this decoder supports;
     *                              the message says which
     */
    public static DecodedAudio decode(Path path, SegmentAllocator allocator) throws MediaDecodeException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ); Arena mapping = Arena.ofConfined()) {
            long size = channel.size();
            if (size < 12) {
                throw new MediaDecodeException(path, "file is " + size + " bytes, too short for a WAV header");
            }
            return decode(channel.map(FileChannel.MapMode.READ_ONLY, 0, size, mapping), path, allocator);
        } catch (MediaDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new MediaDecodeException(path, Failures.cannotRead(e), e);
        }
    }

    private static DecodedAudio decode(MemorySegment file, Path path, SegmentAllocator allocator) throws MediaDecodeException {
        if (!"RIFF".equals(fourCc(file, 0)) || !"WAVE".equals(fourCc(file, 8))) {
            throw new MediaDecodeException(path, "not a RIFF WAVE file");
        }
        Format format = null;
        long dataOffset = -1;
        long dataSize = -1;
        long position = 12;
        while (position + 8 <= file.byteSize()) {
            String id = fourCc(file, position);
            long size = Integer.toUnsignedLong(file.get(U32, position + 4));
            long body = position + 8;
            long remaining = file.byteSize() - body;
            if (size > remaining) {
                if (!id.equals("data") || size != UNKNOWN_SIZE) {
                    throw new MediaDecodeException(path, "WAV chunk '" + id + "' declares " + size + " bytes but only "
                            + remaining + " remain (truncated file)");
                }
                size = remaining;
            }
            if (id.equals("fmt ") && format == null) {
                format = Format.parse(file.asSlice(body, size), path);
            } else if (id.equals("data") && dataOffset < 0) {
                dataOffset = body;
                dataSize = size;
            }
            position = body + size + (size & 1); // chunks are padded to even lengths
        }
        if (format == null) {
            throw new MediaDecodeException(path, "WAV has no 'fmt ' chunk");
        }
        if (dataOffset < 0) {
            throw new MediaDecodeException(path, "WAV has no 'data' chunk");
        }
        return mixDown(file, dataOffset, dataSize / format.blockAlign(), format, allocator);
    }

    private static DecodedAudio mixDown(MemorySegment file, long offset, long frames, Format format, SegmentAllocator allocator) {
        MemorySegment out = allocator.allocate(ValueLayout.JAVA_FLOAT, frames);
        WavEncoding encoding = format.encoding();
        int channels = format.channels();
        int blockFrames = (int) Math.max(1, Math.min(frames, BLOCK_SAMPLES / channels));
        double[] samples = new double[blockFrames * channels];
        float[] mono = new float[blockFrames];
        for (long first = 0; first < frames; first += blockFrames) {
            int count = (int) Math.min(blockFrames, frames - first);
            encoding.readSamples(file, offset + first * format.blockAlign(), samples, count * channels);
            for (int frame = 0; frame < count; frame++) {
                double sum = 0;
                for (int channel = 0; channel < channels; channel++) {
                    sum += samples[frame * channels + channel];
                }
                mono[frame] = (float) (sum / channels);
            }
            MemorySegment.copy(mono, 0, out, ValueLayout.JAVA_FLOAT, first * Float.BYTES, count);
        }
        return new DecodedAudio(out, format.sampleRate(), channels, encoding);
    }

    private static String fourCc(MemorySegment file, long offset) {
        byte[] bytes = file.asSlice(offset, 4).toArray(ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The 'fmt ' chunk. */
    private record Format(WavEncoding encoding, int channels, int sampleRate, int blockAlign) {
        static Format parse(MemorySegment chunk, Path path) throws MediaDecodeException {
            if (chunk.byteSize() < 16) {
                throw new MediaDecodeException(path, "WAV 'fmt ' chunk is " + chunk.byteSize() + " bytes, needs at least 16");
            }
            int tag = Short.toUnsignedInt(chunk.get(U16, 0));
            int channels = Short.toUnsignedInt(chunk.get(U16, 2));
            long sampleRate = Integer.toUnsignedLong(chunk.get(U32, 4));
            int blockAlign = Short.toUnsignedInt(chunk.get(U16, 12));
            int bits = Short.toUnsignedInt(chunk.get(U16, 14));
            if (tag == EXTENSIBLE_TAG) {
                if (chunk.byteSize() < 40) {
                    throw new MediaDecodeException(path, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is shorter than 40 bytes");
                }
                tag = Short.toUnsignedInt(chunk.get(U16, 24)); // the sub-format GUID starts with the plain tag
            }
            if (tag != WavEncoding.PCM_TAG && tag != WavEncoding.FLOAT_TAG) {
                throw new MediaDecodeException(path, String.format("WAV encoding 0x%04x is not supported (only PCM and IEEE float)", tag));
            }
            String kind = tag == WavEncoding.PCM_TAG ? "PCM" : "float";
            WavEncoding encoding = WavEncoding.of(tag, bits).orElseThrow(() -> new MediaDecodeException(path,
                    bits + "-bit " + kind + " WAV is not supported (PCM: 8, 16, 24, 32 bits; float: 32, 64 bits)"));
            if (channels == 0) {
                throw new MediaDecodeException(path, "WAV declares 0 channels");
            }
            if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
                throw new MediaDecodeException(path, "WAV declares a sample rate of " + sampleRate);
            }
            if (blockAlign != channels * encoding.bytesPerSample()) {
                throw new MediaDecodeException(path, "WAV block align " + blockAlign + " does not match " + channels
                        + " channels of " + bits + " bits");
            }
            return new Format(encoding, channels, (int) sampleRate, blockAlign);
        }
    }
}
