package io.pybridge.examples.media.decode;

import io.pybridge.Python;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** WAV files written by CPython's own {@code wave} module, the reference the Python side of the example reads too. */
class WavFromPythonTest {
    @TempDir
    Path folder;

    /**
     * Writes {@code frames} frames of a ramp over the whole integer range with {@code wave}; channel
     * {@code c} of frame {@code i} holds {@code ramp[(i + c) % frames]}, which {@link #rampValue}
     * computes the same way in Java.
     */
    private static final String WRITE = """
            import wave

            def _wav_test_ramp(bits, frames):
                low, high = (0, 255) if bits == 8 else (-(1 << (bits - 1)), (1 << (bits - 1)) - 1)
                return [low + (high - low) * i // (frames - 1) for i in range(frames)]

            def _wav_test_write(path, bits, channels, frames, rate):
                values = _wav_test_ramp(bits, frames)
                width = bits // 8
                data = bytearray()
                for i in range(frames):
                    for c in range(channels):
                        data += values[(i + c) % frames].to_bytes(width, "little", signed=bits > 8)
                with wave.open(path, "wb") as out:
                    out.setnchannels(channels)
                    out.setsampwidth(width)
                    out.setframerate(rate)
                    out.writeframes(bytes(data))
            """;

    private static long rampValue(int bits, int frames, int i) {
        long low = bits == 8 ? 0 : -(1L << (bits - 1));
        long high = bits == 8 ? 255 : (1L << (bits - 1)) - 1;
        return low + Math.floorDiv((high - low) * i, frames - 1);
    }

    private static double sample(int bits, long value) {
        return bits == 8 ? (value - 128) / 128.0 : value / (double) (1L << (bits - 1));
    }

    @ParameterizedTest(name = "{0}-bit, {1} channel(s)")
    @CsvSource({"8, 1", "8, 2", "16, 1", "16, 2", "24, 1", "24, 2", "32, 1", "32, 3"})
    void decodesWhatPythonWrote(int bits, int channels) throws IOException {
        int frames = 1001;
        int rate = 11025;
        Path path = folder.resolve("python-" + bits + "-" + channels + ".wav");
        Python.start().withGil(py -> {
            py.exec(WRITE);
            try (var write = py.eval("_wav_test_write")) {
                write.call(path.toString(), bits, channels, frames, rate).close();
            }
            return null;
        });
        float[] expected = new float[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(bits, rampValue(bits, frames, (i + c) % frames));
            }
            expected[i] = (float) (sum / channels);
        }
        try (Arena arena = Arena.ofConfined()) {
            DecodedAudio audio = WavDecoder.decode(path, arena);
            assertEquals(rate, audio.sampleRate());
            assertEquals(channels, audio.sourceChannels());
            assertEquals(bits, audio.sourceEncoding().bitsPerSample());
            assertArrayEquals(expected, audio.toFloatArray(), 0f);
        }
    }
}
