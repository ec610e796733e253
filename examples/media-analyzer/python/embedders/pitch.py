"""Frame-wise fundamental frequency tracking with YIN (de Cheveigne and Kawahara, 2002).

YIN looks for the lag at which the signal best repeats itself, normalised so that the
first deep dip wins over its multiples: a tone whose fundamental is weak or missing still
repeats at the fundamental's period, and a harmonic never repeats at a shorter lag than the
period, so octave errors are rare. The difference function is computed for many frames at
once through FFT cross-correlation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._progress import Progress

#: The lowest and highest fundamentals tracked: E1 (41 Hz) to C8 (4186 Hz) fit inside.
FMIN_HZ = 40.0
FMAX_HZ = 4200.0
HOP_SECONDS = 0.010
#: A frame is periodic when its normalised difference dips below this value.
PERIODICITY_THRESHOLD = 0.2
_FRAMES_PER_CHUNK = 256


@dataclass(frozen=True)
class PitchTrack:
    """Per-frame analysis; frame i is centred on sample i * hop."""

    hop: int
    sample_rate: int
    f0: np.ndarray  # Hz, NaN where the frame is not periodic
    aperiodicity: np.ndarray  # lowest normalised difference found, 0 = perfectly periodic
    rms: np.ndarray  # loudness of the frame's central hop-sized stretch

    @property
    def frame_count(self) -> int:
        return self.f0.size


def track_pitch(samples: np.ndarray, sample_rate: int, progress: Progress) -> PitchTrack:
    """YIN pitch and short-time RMS for every hop of a mono float signal."""
    max_lag = int(np.ceil(sample_rate / FMIN_HZ))
    min_lag = max(2, int(np.floor(sample_rate / FMAX_HZ)))
    frame_len = 2 * max_lag  # an integration window of max_lag samples, compared up to max_lag later
    hop = max(1, int(round(sample_rate * HOP_SECONDS)))

    signal = np.asarray(samples, dtype=np.float64)
    padded = np.concatenate([np.zeros(max_lag), signal, np.zeros(max_lag)])
    frame_count = signal.size // hop + 1
    windows = np.lib.stride_tricks.sliding_window_view(padded, frame_len)[: frame_count * hop : hop]

    f0 = np.full(frame_count, np.nan)
    aperiodicity = np.ones(frame_count)
    chunks = range(0, frame_count, _FRAMES_PER_CHUNK)
    for done, start in enumerate(chunks):
        stop = min(frame_count, start + _FRAMES_PER_CHUNK)
        f0[start:stop], aperiodicity[start:stop] = _yin(windows[start:stop], sample_rate, min_lag, max_lag)
        progress.report(done + 1, len(chunks), "pitch tracking")

    return PitchTrack(hop, sample_rate, f0, aperiodicity, _centred_rms(padded, max_lag, hop, frame_count))


def _yin(frames: np.ndarray, sample_rate: int, min_lag: int, max_lag: int):
    frames = np.array(frames, dtype=np.float64)  # a private copy: the input is a strided view
    n, frame_len = frames.shape
    window = frame_len - max_lag
    nfft = 1 << int(np.ceil(np.log2(frame_len)))

    # r[tau] = sum_{j < window} x[j] * x[j + tau]; no wrap-around since nfft >= frame_len.
    head = np.fft.rfft(frames[:, :window], nfft)
    whole = np.fft.rfft(frames, nfft)
    correlation = np.fft.irfft(np.conj(head) * whole, nfft)[:, : max_lag + 1]

    energy = np.concatenate([np.zeros((n, 1)), np.cumsum(frames * frames, axis=1)], axis=1)
    lags = np.arange(max_lag + 1)
    shifted_energy = energy[:, lags + window] - energy[:, lags]
    difference = np.maximum(shifted_energy[:, :1] + shifted_energy - 2.0 * correlation, 0.0)
    difference[:, 0] = 0.0

    running = np.cumsum(difference[:, 1:], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        normalised = np.ones_like(difference)
        normalised[:, 1:] = np.where(running > 0, difference[:, 1:] * lags[1:] / running, 1.0)

    search = normalised[:, min_lag:max_lag]
    below = search < PERIODICITY_THRESHOLD
    periodic = below.any(axis=1)
    first_below = np.argmax(below, axis=1)
    # The bottom of the first dip below the threshold: the first local minimum at or after it.
    inner = search[:, 1:-1]
    local_min = np.zeros_like(below)
    local_min[:, 1:-1] = (inner <= search[:, :-2]) & (inner <= search[:, 2:])
    local_min[:, -1] = True
    columns = np.arange(search.shape[1])
    best = np.argmax(local_min & (columns >= first_below[:, None]), axis=1)

    lag = best + min_lag
    rows = np.arange(n)
    before = normalised[rows, lag - 1]
    at = normalised[rows, lag]
    after = normalised[rows, np.minimum(lag + 1, max_lag)]
    curvature = before - 2.0 * at + after
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(curvature > 0, 0.5 * (before - after) / curvature, 0.0)
    shift = np.clip(shift, -0.5, 0.5)

    f0 = np.where(periodic, sample_rate / (lag + shift), np.nan)
    return f0, np.where(periodic, at, search.min(axis=1))


def _centred_rms(padded: np.ndarray, offset: int, hop: int, frame_count: int) -> np.ndarray:
    """RMS over [centre - hop, centre + hop) for every frame centre; offset is the padding."""
    squares = np.concatenate([[0.0], np.cumsum(padded * padded)])
    centres = offset + np.arange(frame_count) * hop
    lo = np.clip(centres - hop, 0, padded.size)
    hi = np.clip(centres + hop, 0, padded.size)
    return np.sqrt(np.maximum(squares[hi] - squares[lo], 0.0) / (2 * hop))
