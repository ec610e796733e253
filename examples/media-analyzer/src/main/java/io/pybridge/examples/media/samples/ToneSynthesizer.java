package io.pybridge.examples.media.samples;

import java.util.List;

/**
 * Melodies of steady tones: each note a sum of harmonics with short fades (no clicks), followed
 * by a gap of silence. Deterministic, so a transcriber's answer is known in advance.
 */
public final class ToneSynthesizer {
    /** The weights of the first harmonics of a plain pure tone. */
    public static final double[] PURE = {1.0};
    /** A brighter tone whose overtones are strong: a pitch tracker must not jump an octave. */
    public static final double[] HARMONIC = {1.0, 0.6, 0.4, 0.3, 0.2};

    private static final double FADE_SECONDS = 0.005;

    private final int sampleRate;
    private final double noteSeconds;
    private final double gapSeconds;
    private final double[] harmonics;
    private final double amplitude;

    /**
     * @param harmonics weights of the fundamental and its overtones
     * @param amplitude peak level, at most 1
     */
    public ToneSynthesizer(int sampleRate, double noteSeconds, double gapSeconds, double[] harmonics, double amplitude) {
        if (sampleRate <= 0 || noteSeconds <= 0 || gapSeconds < 0 || harmonics.length == 0 || amplitude <= 0 || amplitude > 1) {
            throw new IllegalArgumentException("invalid tone settings: rate " + sampleRate + ", note " + noteSeconds
                    + " s, gap " + gapSeconds + " s, " + harmonics.length + " harmonics, amplitude " + amplitude);
        }
        this.sampleRate = sampleRate;
        this.noteSeconds = noteSeconds;
        this.gapSeconds = gapSeconds;
        this.harmonics = harmonics.clone();
        this.amplitude = amplitude;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The notes one after the other, each followed by the gap. */
    public float[] melody(List<Note> notes) {
        int noteLength = (int) Math.round(noteSeconds * sampleRate);
        int gapLength = (int) Math.round(gapSeconds * sampleRate);
        float[] out = new float[notes.size() * (noteLength + gapLength)];
        for (int i = 0; i < notes.size(); i++) {
            writeTone(notes.get(i).frequency(), out, i * (noteLength + gapLength), noteLength);
        }
        return out;
    }

    private void writeTone(double frequency, float[] out, int start, int length) {
        double[] wave = new double[length];
        double peak = 0;
        for (int n = 0; n < length; n++) {
            double t = (double) n / sampleRate;
            double value = 0;
            for (int k = 0; k < harmonics.length; k++) {
                value += harmonics[k] * Math.sin(2 * Math.PI * frequency * (k + 1) * t + 0.3 * k);
            }
            wave[n] = value;
            peak = Math.max(peak, Math.abs(value));
        }
        int fade = Math.min(length / 2, (int) (FADE_SECONDS * sampleRate));
        for (int n = 0; n < length; n++) {
            double gain = Math.min(1.0, Math.min((double) n / fade, (double) (length - 1 - n) / fade));
            out[start + n] = (float) (amplitude * gain * wave[n] / peak);
        }
    }
}
