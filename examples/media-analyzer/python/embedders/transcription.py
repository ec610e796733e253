"""Pitch-to-note transcription: a pitch track cut into notes, each note named.

A note is a stretch of periodic, audible frames. Stretches are cut where the sound stops
(silence), where the pitch moves to another semitone and stays there, and where the loudness
dips by more than half between two peaks (the same note struck again without a gap).
"""

from __future__ import annotations

import numpy as np

from .notes import NoteTable, hz_to_midi
from .pitch import PitchTrack

#: Frames quieter than this, relative to the loudest frame, are silence (-40 dB).
RELATIVE_SILENCE = 10.0 ** (-40.0 / 20.0)
#: Frames quieter than this in absolute terms are silence (-80 dBFS).
ABSOLUTE_SILENCE = 1e-4
#: Unvoiced holes this short (frames) inside a sounding stretch are bridged.
MAX_HOLE_FRAMES = 2
#: Pitch is smoothed over this many frames before it is cut into semitones.
SMOOTHING_FRAMES = 5
#: Notes shorter than this are dropped (at a 10 ms hop: 60 ms).
MIN_NOTE_SECONDS = 0.06
#: A loudness valley below this fraction of both neighbouring peaks re-strikes the note.
RESTRIKE_DIP = 0.5


def notes_of(track: PitchTrack, table: NoteTable) -> list[str]:
    """The note names heard in a pitch track, in time order."""
    if track.frame_count == 0:
        return []
    min_frames = max(1, int(round(MIN_NOTE_SECONDS * track.sample_rate / track.hop)))
    midi = hz_to_midi(track.f0)
    audible = track.rms >= max(ABSOLUTE_SILENCE, float(track.rms.max()) * RELATIVE_SILENCE)
    voiced = _bridge_holes(audible & np.isfinite(midi), audible)

    names = []
    for start, stop in _runs(voiced):
        for piece_start, piece_stop in _split_on_pitch(midi, start, stop, min_frames):
            for note_start, note_stop in _split_on_restrikes(track.rms, piece_start, piece_stop, min_frames):
                note = _note_of(midi[note_start:note_stop])
                if note is not None and note_stop - note_start >= min_frames:
                    names.append(table.name(note))
    return names


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of every run of True values."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))


def _bridge_holes(voiced: np.ndarray, audible: np.ndarray) -> np.ndarray:
    bridged = voiced.copy()
    for start, stop in _runs(~voiced):
        inside = start > 0 and stop < voiced.size
        if inside and stop - start <= MAX_HOLE_FRAMES and audible[start:stop].all():
            bridged[start:stop] = True
    return bridged


def _median_filter(values: np.ndarray, width: int) -> np.ndarray:
    if values.size == 0:
        return values
    half = width // 2
    padded = np.pad(values, half, mode="edge")
    return np.median(np.lib.stride_tricks.sliding_window_view(padded, width), axis=1)


def _split_on_pitch(midi: np.ndarray, start: int, stop: int, min_frames: int) -> list[tuple[int, int]]:
    """Cuts [start, stop) where the smoothed pitch settles on another semitone."""
    segment = midi[start:stop].copy()
    if np.isnan(segment).all():
        return []
    holes = np.isnan(segment)  # bridged holes take the pitch of the frame before them
    if holes.any():
        index = np.where(~holes, np.arange(segment.size), 0)
        np.maximum.accumulate(index, out=index)
        first = int(np.argmax(~holes))
        index[:first] = first
        segment = segment[index]
    semitones = np.rint(_median_filter(segment, SMOOTHING_FRAMES)).astype(np.int64)

    pieces = [[a, b, int(semitones[a])] for a, b in _value_runs(semitones)]
    # A piece too short to be a note is a glide between two notes: give it to a neighbour.
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and (piece[1] - piece[0] < min_frames or merged[-1][2] == piece[2]):
            merged[-1][1] = piece[1]
        elif merged and merged[-1][1] - merged[-1][0] < min_frames:
            merged[-1][1], merged[-1][2] = piece[1], piece[2]
        else:
            merged.append(piece)
    return [(start + a, start + b) for a, b, _ in merged]


def _value_runs(values: np.ndarray) -> list[tuple[int, int]]:
    cuts = np.flatnonzero(np.diff(values)) + 1
    bounds = np.concatenate([[0], cuts, [values.size]])
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))


def _split_on_restrikes(rms: np.ndarray, start: int, stop: int, min_frames: int) -> list[tuple[int, int]]:
    """Cuts [start, stop) at loudness valleys deeper than RESTRIKE_DIP of both flanking peaks."""
    cuts = [start]
    envelope = rms[start:stop]
    for v in range(1, envelope.size - 1):
        if not (envelope[v] <= envelope[v - 1] and envelope[v] < envelope[v + 1]):
            continue
        left_peak = envelope[cuts[-1] - start : v].max()
        right_peak = envelope[v + 1 :].max()
        long_enough = v + start - cuts[-1] >= min_frames and stop - (v + start) >= min_frames
        if long_enough and envelope[v] < RESTRIKE_DIP * min(left_peak, right_peak):
            cuts.append(start + v)
    cuts.append(stop)
    return list(zip(cuts[:-1], cuts[1:]))


def _note_of(midi: np.ndarray):
    """The semitone of a note's steady middle (attack and release trimmed), or None."""
    trim = midi.size // 6
    middle = midi[trim : midi.size - trim] if midi.size - 2 * trim > 0 else midi
    middle = middle[np.isfinite(middle)]
    if middle.size == 0:
        return None
    note = int(np.rint(np.median(middle)))
    return note if 0 <= note < 128 else None
