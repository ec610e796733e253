package io.pybridge.examples.media.samples;

import io.pybridge.examples.media.decode.WavEncoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes canonical RIFF WAVE files: a 16-byte 'fmt ' chunk, then 'data'. */
public final class WavWriter {
    private static final int HEADER_BYTES = 44;

    private WavWriter() {
    }

    /**
     * Writes {@code channels} (one array per channel, equal lengths, samples in [-1, 1]) to {@code path}.
     */
    public static void write(Path path, float[][] channels, int sampleRate, WavEncoding encoding) throws IOException {
        Files.write(path, encode(channels, sampleRate, encoding));
    }

    /** The bytes of the WAV file {@link #write} writes. */
    public static byte[] encode(float[][] channels, int sampleRate, WavEncoding encoding) {
        if (channels.length == 0 || channels.length > 0xFFFF) {
            throw new IllegalArgumentException("a WAV file needs 1 to 65535 channels, got " + channels.length);
        }
        int frames = channels[0].length;
        for (float[] channel : channels) {
            if (channel.length != frames) {
                throw new IllegalArgumentException("channels have different lengths: " + frames + " and " + channel.length);
            }
        }
        int blockAlign = channels.length * encoding.bytesPerSample();
        long dataBytes = (long) frames * blockAlign;
        if (dataBytes + HEADER_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(dataBytes + " bytes of samples do not fit one WAV file here");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + (int) dataBytes + (int) (dataBytes & 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(out.capacity() - 8).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16)
                .putShort((short) encoding.formatTag())
                .putShort((short) channels.length)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) encoding.bitsPerSample());
        out.put(ascii("data")).putInt((int) dataBytes);
        for (int frame = 0; frame < frames; frame++) {
            for (float[] channel : channels) {
                encoding.write(out, channel[frame]);
            }
        }
        return out.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
