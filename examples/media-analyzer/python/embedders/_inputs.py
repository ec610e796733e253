"""Checks and coercions of the public functions' arguments.

Arrays may be views of memory owned by the caller (the Java side hands over its decoded
buffers without copying), possibly read-only: nothing here writes to them or keeps them.
"""

from __future__ import annotations

import numbers
import os

import numpy as np

from . import media_io

MIN_SAMPLE_RATE = 1000
MAX_SAMPLE_RATE = 768_000


def is_path(value) -> bool:
    return isinstance(value, (str, os.PathLike))


def audio(samples, sample_rate) -> tuple[np.ndarray, int]:
    """(1-D float samples, sample rate) from an array and a rate, or from a WAV path."""
    if is_path(samples):
        if sample_rate is not None:
            raise TypeError("sample_rate is read from the WAV file; pass it only with an array of samples")
        return media_io.read_audio(samples)
    if sample_rate is None:
        raise TypeError("sample_rate is required with an array of samples")
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, numbers.Integral):
        raise TypeError(f"sample_rate must be an int, got {type(sample_rate).__name__}")
    if not MIN_SAMPLE_RATE <= sample_rate <= MAX_SAMPLE_RATE:
        raise ValueError(f"sample_rate {sample_rate} is outside {MIN_SAMPLE_RATE}..{MAX_SAMPLE_RATE} Hz")
    array = _array(samples, "samples")
    if array.dtype not in (np.float32, np.float64):
        raise TypeError(f"samples must be float32 or float64 in [-1, 1], got {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"samples must be 1-D mono audio, got shape {array.shape}; mix channels down first")
    if not np.isfinite(array).all():
        raise ValueError("samples contain NaN or infinity")
    return array, int(sample_rate)


def image(value, what: str = "image") -> np.ndarray:
    """uint8 [h, w, 3] from an array or an image path (a GIF gives its first frame)."""
    if is_path(value):
        return media_io.read_image(value)
    array = _array(value, what)
    _check_uint8(array, what)
    if array.ndim != 3 or array.shape[2] != 3:
        raise ValueError(f"{what} must have shape [height, width, 3] (RGB), got {array.shape}")
    _check_not_empty(array, what)
    return array


def images(values) -> list[np.ndarray]:
    """A list of uint8 [h, w, 3] from a list of arrays or paths, or one [n, h, w, 3] array."""
    if is_path(values):
        raise TypeError("images must be a list of images or paths, not a single path")
    if isinstance(values, np.ndarray) or hasattr(values, "__array_interface__"):
        batch = _array(values, "images")
        _check_uint8(batch, "images")
        if batch.ndim != 4 or batch.shape[3] != 3:
            raise ValueError(f"an array of images must have shape [n, height, width, 3], got {batch.shape}")
        if batch.shape[0]:
            _check_not_empty(batch[0], "images")
        return list(batch)
    try:
        items = list(values)
    except TypeError:
        raise TypeError(f"images must be a list of images or paths, got {type(values).__name__}") from None
    return [image(item, f"images[{index}]") for index, item in enumerate(items)]


def frames(value) -> np.ndarray:
    """uint8 [t, h, w, 3] from an array or a GIF (or still image) path."""
    if is_path(value):
        return media_io.read_frames(value)
    array = _array(value, "frames")
    _check_uint8(array, "frames")
    if array.ndim != 4 or array.shape[3] != 3:
        raise ValueError(f"frames must have shape [t, height, width, 3] (RGB), got {array.shape}")
    if array.shape[0] == 0:
        raise ValueError("frames holds no frame")
    _check_not_empty(array[0], "frames")
    return array


def visual(value) -> np.ndarray:
    """[t, h, w, 3] frames from one image [h, w, 3], frames [t, h, w, 3], or a path."""
    if is_path(value):
        return media_io.read_frames(value)
    array = _array(value, "image")
    if array.ndim == 4:
        return frames(array)
    return image(array)[np.newaxis]


def _array(value, what: str) -> np.ndarray:
    if isinstance(value, np.ndarray):
        return value
    try:
        return np.asarray(value)
    except Exception as error:  # noqa: BLE001 - any failure means "not array-like"
        raise TypeError(f"{what} must be a numpy array, got {type(value).__name__}") from error


def _check_uint8(array: np.ndarray, what: str) -> None:
    if array.dtype != np.uint8:
        raise TypeError(f"{what} must be uint8 RGB, got dtype {array.dtype}")


def _check_not_empty(array: np.ndarray, what: str) -> None:
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{what} is empty ({array.shape[1]}x{array.shape[0]} pixels)")
