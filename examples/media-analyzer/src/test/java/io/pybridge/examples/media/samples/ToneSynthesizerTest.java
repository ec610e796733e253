package io.pybridge.examples.media.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToneSynthesizerTest {
    private static final int RATE = 44100;

    /** Frequency from upward zero crossings over [from, to). */
    private static double frequency(float[] samples, int from, int to) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return (double) crossings * RATE / (last - first);
    }

    @Test
    void notesHaveTheirPitchLengthAndGaps() {
        ToneSynthesizer synthesizer = new ToneSynthesizer(RATE, 0.5, 0.1, ToneSynthesizer.PURE, 0.5);
        float[] melody = synthesizer.melody(List.of(Note.parse("A4"), Note.parse("E5")));
        int note = (int) Math.round(0.5 * RATE);
        int gap = (int) Math.round(0.1 * RATE);
        assertEquals(2 * (note + gap), melody.length);
        assertEquals(440.0, frequency(melody, 0, note), 1.0);
        assertEquals(659.26, frequency(melody, note + gap, 2 * note + gap), 1.5);
        for (int i = note; i < note + gap; i++) {
            assertEquals(0f, melody[i], "silence between notes");
        }
        float peak = 0;
        for (float sample : melody) {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertEquals(0.5f, peak, 1e-3f);
        assertTrue(Math.abs(melody[0]) < 1e-3 && Math.abs(melody[note - 1]) < 1e-3, "faded in and out");
    }

    @Test
    void harmonicTonesKeepTheirFundamental() {
        ToneSynthesizer synthesizer = new ToneSynthesizer(RATE, 0.5, 0, ToneSynthesizer.HARMONIC, 0.5);
        float[] tone = synthesizer.melody(List.of(Note.parse("C4")));
        // Overtones add extra zero crossings; the waveform still repeats at the fundamental's period.
        int period = (int) Math.round(RATE / Note.parse("C4").frequency());
        double difference = 0;
        for (int i = 1000; i < 1000 + 5 * period; i++) {
            difference += Math.abs(tone[i] - tone[i + period]);
        }
        assertTrue(difference / (5 * period) < 0.02, "repeats every period: " + difference / (5 * period));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ToneSynthesizer(0, 1, 0, ToneSynthesizer.PURE, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ToneSynthesizer(RATE, 1, 0, new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ToneSynthesizer(RATE, 1, 0, ToneSynthesizer.PURE, 1.5));
    }
}
