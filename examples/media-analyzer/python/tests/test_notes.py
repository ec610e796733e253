import unittest

from embedders.notes import NoteTable, hz_to_midi, midi_to_hz, midi_to_name, name_to_midi


class NotesTest(unittest.TestCase):
    def test_names_and_numbers_match(self):
        self.assertEqual(midi_to_name(69), "A4")
        self.assertEqual(midi_to_name(60), "C4")
        self.assertEqual(midi_to_name(61), "C#4")
        self.assertEqual(midi_to_name(0), "C-1")
        self.assertEqual(name_to_midi("A4"), 69)
        self.assertEqual(name_to_midi("C#5"), 73)
        self.assertEqual(name_to_midi("Db5"), 73)
        self.assertEqual(name_to_midi("Bb3"), 58)
        for midi in range(128):
            self.assertEqual(name_to_midi(midi_to_name(midi)), midi)

    def test_frequencies_are_equal_tempered_from_a440(self):
        self.assertAlmostEqual(midi_to_hz(69), 440.0)
        self.assertAlmostEqual(midi_to_hz(81), 880.0)
        self.assertAlmostEqual(midi_to_hz(60), 261.6256, places=3)
        self.assertAlmostEqual(float(hz_to_midi(261.6256)), 60.0, places=4)

    def test_bad_names_are_rejected(self):
        for bad in ("H4", "A", "4A", "Cb4", "A#", ""):
            with self.assertRaises(ValueError, msg=bad):
                name_to_midi(bad)

    def test_table_covers_all_midi_notes(self):
        table = NoteTable()
        self.assertEqual(table.name(69), "A4")
        self.assertAlmostEqual(table.frequencies[69], 440.0)
        with self.assertRaises(ValueError):
            table.name(128)


if __name__ == "__main__":
    unittest.main()
