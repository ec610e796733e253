"""Reading media files with numpy alone, for callers that pass a path instead of decoded arrays.

The Java side of the media analyzer decodes media itself and hands arrays over; these readers
make the module usable on its own (tests, the command line). Formats are recognised by their
first bytes, not by the file name. WAV (PCM and float), PNG, BMP and GIF (every frame,
composited) are read; anything else raises MediaFormatError naming the file and the reason.
"""

from __future__ import annotations

import os

import numpy as np

from .errors import MediaFormatError
from .sniff import sniff


def read_audio(path) -> tuple[np.ndarray, int]:
    """(mono float32 samples in [-1, 1], sample rate) of a WAV file."""
    from . import wav

    data, kind = _read(path)
    if kind != "wav":
        raise MediaFormatError(path, f"expected a WAV file, found {kind}")
    return wav.decode(data, path)


def read_frames(path) -> np.ndarray:
    """uint8 [t, h, w, 3] RGB frames: every frame of a GIF, one frame for other images."""
    data, kind = _read(path)
    if kind == "gif":
        from . import gif

        return gif.decode(data, path)
    return _still(data, kind, path)[np.newaxis]


def read_image(path) -> np.ndarray:
    """uint8 [h, w, 3] RGB: the image, or a GIF's first frame composited on its screen."""
    data, kind = _read(path)
    if kind == "gif":
        from . import gif

        return gif.decode(data, path, max_frames=1)[0]
    return _still(data, kind, path)


def _still(data: bytes, kind: str, path) -> np.ndarray:
    if kind == "png":
        from . import png

        return png.decode(data, path)
    if kind == "bmp":
        from . import bmp

        return bmp.decode(data, path)
    if kind == "jpeg":
        raise MediaFormatError(path, "JPEG is not decoded by the numpy readers; decode it in the caller and pass the array")
    raise MediaFormatError(path, f"expected an image, found {kind}")


def _read(path) -> tuple[bytes, str]:
    try:
        with open(os.fspath(path), "rb") as file:
            data = file.read()
    except OSError as error:
        raise MediaFormatError(path, f"cannot be read: {error.strerror or error}") from error
    return data, sniff(data)


__all__ = ["MediaFormatError", "read_audio", "read_frames", "read_image", "sniff"]
