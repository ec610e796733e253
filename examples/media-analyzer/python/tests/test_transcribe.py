import os
import tempfile
import unittest

import numpy as np

import embedders
from tests import synth


class TranscribeTest(unittest.TestCase):
    def assertHeard(self, notes, rate=44100, **kwargs):
        samples = synth.melody(notes.split(), rate, **kwargs)
        self.assertEqual(embedders.transcribe(synth.read_only(samples), rate), notes)

    def test_pure_tones(self):
        self.assertHeard("A4 C#5 E5")

    def test_harmonic_tones(self):
        self.assertHeard("C4 E4 G4 C5", harmonics=(1.0, 0.6, 0.4, 0.3, 0.2))

    def test_weak_and_missing_fundamental_give_no_octave_error(self):
        self.assertHeard("C3 G3 D4", rate=22050, harmonics=(0.1, 1.0, 0.8, 0.6, 0.4))
        self.assertHeard("A3 E3", rate=22050, harmonics=(0.0, 1.0, 0.8, 0.6))

    def test_low_and_high_registers(self):
        self.assertHeard("E1 A1 E2 A2")
        self.assertHeard("C7 G7 C8")

    def test_sample_rates(self):
        self.assertHeard("A4 B4 C5", rate=8000)
        self.assertHeard("F#4 G#4", rate=48000, seconds=0.2)
        self.assertHeard("D5 A4", rate=96000, seconds=0.2)

    def test_notes_without_gaps_are_cut_at_pitch_changes(self):
        self.assertHeard("C4 D4 E4 F4 G4", gap=0.0)
        self.assertHeard("C4 C#4 D4 D#4 E4 F4 F#4 G4 G#4 A4 A#4 B4", seconds=0.2, gap=0.0)

    def test_repeated_notes(self):
        self.assertHeard("A4 A4 A4")
        self.assertHeard("A4 A4 E5 E5", gap=0.0, envelope="decay")

    def test_short_notes(self):
        self.assertHeard("C5 D5 E5 F5", seconds=0.1, gap=0.02)

    def test_noise_does_not_change_the_notes(self):
        samples = synth.melody(["A4", "C#5", "E5"], 44100)
        noise = np.random.default_rng(7).normal(0, np.sqrt((samples**2).mean() / 10), samples.size)
        self.assertEqual(embedders.transcribe((samples + noise).astype(np.float32), 44100), "A4 C#5 E5")

    def test_quiet_note_after_a_loud_one(self):
        loud = synth.tone("A4", 0.3, 44100, amplitude=0.5)
        quiet = synth.tone("B4", 0.3, 44100, amplitude=0.5 * 10 ** (-30 / 20))
        samples = np.concatenate([loud, np.zeros(2000), quiet]).astype(np.float32)
        self.assertEqual(embedders.transcribe(samples, 44100), "A4 B4")

    def test_slightly_detuned_notes_round_to_the_nearest(self):
        rate = 44100
        t = np.arange(int(0.4 * rate)) / rate
        sharp_a = 0.5 * np.sin(2 * np.pi * 440.0 * 2 ** (30 / 1200) * t)  # +30 cents
        flat_e = 0.5 * np.sin(2 * np.pi * 659.255 * 2 ** (-35 / 1200) * t)  # -35 cents
        samples = np.concatenate([sharp_a, np.zeros(2205), flat_e])
        self.assertEqual(embedders.transcribe(samples, rate), "A4 E5")

    def test_silence_and_noise_give_no_notes(self):
        self.assertEqual(embedders.transcribe(np.zeros(44100, dtype=np.float32), 44100), "")
        self.assertEqual(embedders.transcribe(np.zeros(0, dtype=np.float32), 44100), "")
        noise = np.random.default_rng(1).normal(0, 0.1, 44100).astype(np.float32)
        self.assertEqual(embedders.transcribe(noise, 44100), "")

    def test_float64_input(self):
        samples = synth.melody(["G4", "D5"], 16000).astype(np.float64)
        self.assertEqual(embedders.transcribe(samples, 16000), "G4 D5")

    def test_wav_path(self):
        channels = np.stack([synth.melody(["E4", "B4"], 22050)] * 2, axis=1)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "tune.wav")
            with open(path, "wb") as file:
                file.write(synth.wav_bytes(channels, 22050, "pcm16"))
            self.assertEqual(embedders.transcribe(path), "E4 B4")
            with self.assertRaisesRegex(TypeError, "sample_rate"):
                embedders.transcribe(path, 22050)

    def test_progress_is_reported(self):
        calls = []
        samples = synth.melody(["A4"] * 8, 44100)
        embedders.transcribe(samples, 44100, progress=lambda done, total, message: calls.append((done, total, message)))
        self.assertGreater(len(calls), 1)
        self.assertEqual(calls[-1][0], calls[-1][1])
        self.assertEqual([c[0] for c in calls], list(range(1, len(calls) + 1)))

    def test_bad_input_is_rejected_clearly(self):
        stereo = np.zeros((100, 2), dtype=np.float32)
        with self.assertRaisesRegex(ValueError, "1-D"):
            embedders.transcribe(stereo, 44100)
        with self.assertRaisesRegex(TypeError, "float32"):
            embedders.transcribe(np.zeros(100, dtype=np.int16), 44100)
        with self.assertRaisesRegex(ValueError, "NaN"):
            embedders.transcribe(np.array([0.0, np.nan], dtype=np.float32), 44100)
        with self.assertRaisesRegex(TypeError, "sample_rate is required"):
            embedders.transcribe(np.zeros(100, dtype=np.float32))
        with self.assertRaisesRegex(ValueError, "sample_rate"):
            embedders.transcribe(np.zeros(100, dtype=np.float32), 10)
        with self.assertRaisesRegex(TypeError, "int"):
            embedders.transcribe(np.zeros(100, dtype=np.float32), 44100.0)
        with self.assertRaisesRegex(TypeError, "progress"):
            embedders.transcribe(np.zeros(100, dtype=np.float32), 44100, progress="yes")


if __name__ == "__main__":
    unittest.main()
