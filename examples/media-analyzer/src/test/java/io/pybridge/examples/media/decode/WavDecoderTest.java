package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.MediaDecodeException;
import io.pybridge.examples.media.samples.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavDecoderTest {
    @TempDir
    Path folder;

    private static float[] signal(long seed, int length) {
        Random random = new Random(seed);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (0.9 * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    private static double tolerance(WavEncoding encoding) {
        return switch (encoding) {
            case PCM_8 -> 1.0 / 128;
            case PCM_16 -> 1.0 / 32768;
            case PCM_24, PCM_32, FLOAT_32, FLOAT_64 -> 1e-6;
        };
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void monoReadsBackWhatWasWritten(WavEncoding encoding) throws IOException {
        float[] samples = signal(1, 999);
        Path path = folder.resolve("mono.wav");
        WavWriter.write(path, new float[][] {samples}, 22050, encoding);
        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(path, arena);
            assertEquals(22050, audio.sampleRate());
            assertEquals(1, audio.sourceChannels());
            assertEquals(encoding, audio.sourceEncoding());
            assertEquals(999, audio.frameCount());
            assertArrayEquals(new long[] {999}, audio.shape());
            assertArrayEquals(samples, audio.toFloatArray(), (float) tolerance(encoding));
        }
    }

    /** Longer than the decoder's block of samples, in a channel count that does not divide it: the last block is partial. */
    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void aLongFileIsConvertedWholeAcrossBlocks(WavEncoding encoding) throws IOException {
        int frames = 20_000;
        float[][] channels = {signal(4, frames), signal(5, frames), signal(6, frames)};
        Path path = folder.resolve("long.wav");
        WavWriter.write(path, channels, 8000, encoding);
        float[] expected = new float[frames];
        for (int i = 0; i < frames; i++) {
            expected[i] = (channels[0][i] + channels[1][i] + channels[2][i]) / 3;
        }
        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(path, arena);
            assertEquals(frames, audio.frameCount());
            assertArrayEquals(expected, audio.toFloatArray(), (float) tolerance(encoding));
        }
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void stereoIsMixedDownToTheMeanOfItsChannels(WavEncoding encoding) throws IOException {
        float[] left = signal(2, 500);
        float[] right = signal(3, 500);
        Path path = folder.resolve("stereo.wav");
        WavWriter.write(path, new float[][] {left, right}, 48000, encoding);
        float[] expected = new float[500];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (left[i] + right[i]) / 2;
        }
        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(path, arena);
            assertEquals(2, audio.sourceChannels());
            assertArrayEquals(expected, audio.toFloatArray(), (float) tolerance(encoding));
        }
    }

    @Test
    void extremesOfEveryIntegerWidth() throws IOException {
        float[] extremes = {-1f, 0f, 0.5f, -0.5f};
        for (WavEncoding encoding : new WavEncoding[] {WavEncoding.PCM_8, WavEncoding.PCM_16, WavEncoding.PCM_24, WavEncoding.PCM_32}) {
            Path path = folder.resolve(encoding + ".wav");
            WavWriter.write(path, new float[][] {extremes}, 8000, encoding);
            try (Arena arena = Arena.ofConfined()) {
                assertArrayEquals(extremes, WavDecoder.decode(path, arena).toFloatArray(), 1e-9f, encoding.name());
            }
        }
    }

    @Test
    void samplesLiveInTheCallersArena() throws IOException {
        Path path = folder.resolve("a.wav");
        WavWriter.write(path, new float[][] {signal(4, 10)}, 8000, WavEncoding.PCM_16);
        DecodedAudio audio;
        try (Arena arena = Arena.ofConfined()) {
            audio = WavDecoder.decode(path, arena);
            assertEquals(arena.scope(), audio.data().scope());
            assertTrue(audio.data().isNative());
        }
        assertFalse(audio.data().scope().isAlive());
    }

    @Test
    void extensibleFormatOddChunksAndStreamingSizes() throws IOException {
        float[] samples = signal(5, 101);
        byte[] plain = WavWriter.encode(new float[][] {samples}, 16000, WavEncoding.PCM_24);
        ByteBuffer data = ByteBuffer.wrap(plain, 44, plain.length - 44);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(0)); // RIFF size is not checked
        out.writeBytes(ascii("WAVE"));
        out.writeBytes(ascii("LIST"));
        out.writeBytes(le32(3));
        out.writeBytes(new byte[] {'a', 'b', 'c', 0}); // odd size, padded to even
        ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0xFFFE).putShort((short) 1).putInt(16000).putInt(16000 * 3).putShort((short) 3).putShort((short) 24)
                .putShort((short) 22).putShort((short) 24).putInt(4)
                .putShort((short) 1).put(new byte[14]); // sub-format GUID: PCM
        out.writeBytes(ascii("fmt "));
        out.writeBytes(le32(40));
        out.writeBytes(fmt.array());
        out.writeBytes(ascii("data"));
        out.writeBytes(le32(-1)); // 0xFFFFFFFF: size unknown, read to the end
        out.write(data.array(), 44, plain.length - 44);

        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(write("extensible.wav", out.toByteArray()), arena);
            assertEquals(WavEncoding.PCM_24, audio.sourceEncoding());
            assertArrayEquals(samples, audio.toFloatArray(), 1e-6f);
        }
    }

    /** What a streaming writer may leave: both sizes 0xFFFFFFFF (unknown), and an odd-sized chunk first. */
    @Test
    void floatWithUnknownSizesAndAnOddChunk() throws IOException {
        float[] samples = signal(7, 77);
        byte[] plain = WavWriter.encode(new float[][] {samples}, 22050, WavEncoding.FLOAT_32);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(-1));
        out.writeBytes(ascii("WAVE"));
        out.writeBytes(ascii("LIST"));
        out.writeBytes(le32(5));
        out.writeBytes(new byte[] {'I', 'N', 'F', 'O', 'x', 0}); // odd size, padded to even
        out.write(plain, 12, 24); // the 'fmt ' chunk as written
        out.writeBytes(ascii("data"));
        out.writeBytes(le32(-1));
        out.write(plain, 44, plain.length - 44);

        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(write("streamed.wav", out.toByteArray()), arena);
            assertEquals(WavEncoding.FLOAT_32, audio.sourceEncoding());
            assertEquals(22050, audio.sampleRate());
            assertArrayEquals(samples, audio.toFloatArray(), 0f);
        }
    }

    /** Layouts javax.sound.sampled (JDK 25) refuses for float files; see the decoder's class comment. */
    @ParameterizedTest
    @ValueSource(strings = {"RIFF size 0", "data before fmt", "LIST chunk without a list type"})
    void layoutsJavaSoundRefuses(String layout) throws IOException {
        float[] samples = signal(8, 64);
        byte[] plain = WavWriter.encode(new float[][] {samples}, 8000, WavEncoding.FLOAT_32);
        byte[] fmt = Arrays.copyOfRange(plain, 12, 36);
        byte[] data = Arrays.copyOfRange(plain, 36, plain.length);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        switch (layout) {
            case "data before fmt" -> {
                chunks.writeBytes(data);
                chunks.writeBytes(fmt);
            }
            case "LIST chunk without a list type" -> {
                chunks.writeBytes(ascii("LIST"));
                chunks.writeBytes(le32(3));
                chunks.writeBytes(new byte[] {'a', 'b', 'c', 0});
                chunks.writeBytes(fmt);
                chunks.writeBytes(data);
            }
            default -> {
                chunks.writeBytes(fmt);
                chunks.writeBytes(data);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(layout.equals("RIFF size 0") ? 0 : 4 + chunks.size()));
        out.writeBytes(ascii("WAVE"));
        out.writeBytes(chunks.toByteArray());
        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(write("layout.wav", out.toByteArray()), arena);
            assertArrayEquals(samples, audio.toFloatArray(), 0f);
        }
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                corrupt("not a RIFF WAVE file", bytes -> {
                    bytes[8] = 'X';
                    return bytes;
                }),
                corrupt("declares 200 bytes but only 100 remain", bytes -> Arrays.copyOf(bytes, bytes.length - 100)),
                corrupt("no 'data' chunk", bytes -> Arrays.copyOf(bytes, 36)),
                corrupt("no 'fmt ' chunk", bytes -> {
                    bytes[12] = 'f';
                    bytes[13] = 'a';
                    bytes[14] = 'k';
                    bytes[15] = 'e';
                    return bytes;
                }),
                corrupt("WAV encoding 0x0002 is not supported", bytes -> put16(bytes, 20, 2)),
                corrupt("12-bit PCM WAV is not supported", bytes -> put16(bytes, 34, 12)),
                corrupt("WAV declares 0 channels", bytes -> put16(bytes, 22, 0)),
                corrupt("block align 3 does not match", bytes -> put16(bytes, 32, 3)),
                corrupt("too short for a WAV header", bytes -> Arrays.copyOf(bytes, 11)));
    }

    private static Arguments corrupt(String reason, UnaryOperator<byte[]> damage) {
        return Arguments.of(reason, damage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptFilesSayWhatIsWrong(String reason, UnaryOperator<byte[]> damage) throws IOException {
        byte[] good = WavWriter.encode(new float[][] {signal(6, 100)}, 8000, WavEncoding.PCM_16);
        Path path = write("bad.wav", damage.apply(good));
        try (Arena arena = Arena.ofConfined()) {
            MediaDecodeException error = assertThrows(MediaDecodeException.class, () -> WavDecoder.decode(path, arena));
            assertTrue(error.reason().contains(reason), error.getMessage());
            assertEquals(path, error.path());
            assertTrue(error.getMessage().startsWith(path.toString()), error.getMessage());
        }
    }

    @Test
    void emptyDataChunkGivesNoFrames() throws IOException {
        Path path = folder.resolve("silent.wav");
        WavWriter.write(path, new float[][] {new float[0]}, 44100, WavEncoding.PCM_16);
        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(path, arena);
            assertEquals(0, audio.frameCount());
            assertEquals(0.0, audio.durationSeconds());
        }
    }

    @Test
    void missingFile() {
        Path path = folder.resolve("nothing-here.wav");
        try (Arena arena = Arena.ofConfined()) {
            MediaDecodeException error = assertThrows(MediaDecodeException.class, () -> WavDecoder.decode(path, arena));
            assertEquals("file does not exist", error.reason());
        }
    }

    private static byte[] put16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >> 8);
        return bytes;
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
