package io.pybridge.examples.media.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * Mono audio: float32 samples in [-1, 1] (channels averaged), numpy shape {@code [frames]}.
 *
 * @param data           {@code frames} native-order floats
 * @param sampleRate     frames per second
 * @param sourceChannels how many channels the file had before they were mixed down
 * @param sourceEncoding the file's sample encoding
 */
public record DecodedAudio(MemorySegment data, int sampleRate, int sourceChannels, WavEncoding sourceEncoding)
        implements DecodedMedia {
    public DecodedAudio {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sourceEncoding, "sourceEncoding");
        if (data.byteSize() % Float.BYTES != 0) {
            throw new IllegalArgumentException("audio data of " + data.byteSize() + " bytes is not whole floats");
        }
        if (sampleRate <= 0 || sourceChannels <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " and channels " + sourceChannels + " must be positive");
        }
    }

    public long frameCount() {
        return data.byteSize() / Float.BYTES;
    }

    public double durationSeconds() {
        return (double) frameCount() / sampleRate;
    }

    @Override
    public long[] shape() {
        return new long[] {frameCount()};
    }

    /** A heap copy of the samples (for tests and small clips). */
    public float[] toFloatArray() {
        return data.toArray(ValueLayout.JAVA_FLOAT);
    }
}
