"""Equal-tempered note names, MIDI numbers and frequencies (A4 = 440 Hz, MIDI 69)."""

from __future__ import annotations

import re

import numpy as np

NOTE_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
_FLATS = {"Db": "C#", "Eb": "D#", "Gb": "F#", "Ab": "G#", "Bb": "A#"}
_NAME_PATTERN = re.compile(r"^([A-G](?:#|b)?)(-?\d+)$")
A4_MIDI = 69
A4_HZ = 440.0


def midi_to_name(midi: int) -> str:
    """Scientific pitch notation of a MIDI note number: 69 -> "A4", 61 -> "C#4"."""
    midi = int(midi)
    return f"{NOTE_NAMES[midi % 12]}{midi // 12 - 1}"


def name_to_midi(name: str) -> int:
    """MIDI note number of a name such as "A4", "C#5" or "Bb3"."""
    match = _NAME_PATTERN.match(name.strip())
    if not match:
        raise ValueError(f"not a note name: {name!r} (expected e.g. 'A4', 'C#5', 'Bb3')")
    pitch_class, octave = match.groups()
    pitch_class = _FLATS.get(pitch_class, pitch_class)
    if pitch_class not in NOTE_NAMES:  # "Cb", "Fb" and the like
        raise ValueError(f"not a note name: {name!r}")
    return (int(octave) + 1) * 12 + NOTE_NAMES.index(pitch_class)


def midi_to_hz(midi: float) -> float:
    return A4_HZ * 2.0 ** ((float(midi) - A4_MIDI) / 12.0)


def hz_to_midi(hz):
    """Fractional MIDI number of a frequency (array or scalar); 0 Hz or less gives NaN."""
    hz = np.asarray(hz, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        midi = A4_MIDI + 12.0 * np.log2(hz / A4_HZ)
    return np.where(hz > 0, midi, np.nan)


class NoteTable:
    """The 128 MIDI notes: names and centre frequencies, built once by load_all_models()."""

    def __init__(self) -> None:
        self.names = tuple(midi_to_name(m) for m in range(128))
        self.frequencies = np.array([midi_to_hz(m) for m in range(128)], dtype=np.float64)

    def name(self, midi: int) -> str:
        if not 0 <= midi < 128:
            raise ValueError(f"MIDI note {midi} is outside 0..127")
        return self.names[midi]

    @property
    def size(self) -> int:
        return len(self.names) + self.frequencies.size
