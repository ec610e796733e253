"""BMP: uncompressed 1/4/8-bit palette, 16/24/32-bit (with bit-field masks), either row order."""

from __future__ import annotations

import struct

import numpy as np

from .errors import MediaFormatError
from .png import MAX_PIXELS

_RGB = 0
_BITFIELDS = 3
_ALPHA_BITFIELDS = 6
_DEFAULT_MASKS = {16: (0x7C00, 0x03E0, 0x001F), 32: (0x00FF0000, 0x0000FF00, 0x000000FF)}


def decode(data: bytes, path=None) -> np.ndarray:
    """uint8 [h, w, 3] RGB."""
    if len(data) < 26 or data[:2] != b"BM":
        raise MediaFormatError(path, "not a BMP file")
    (pixel_offset,) = struct.unpack_from("<I", data, 10)
    (header_size,) = struct.unpack_from("<I", data, 14)
    if header_size < 40 or len(data) < 14 + header_size:
        raise MediaFormatError(path, f"BMP info header of {header_size} bytes is not supported or is truncated")
    width, height, _, bits, compression, _, _, _, colours_used = struct.unpack_from("<iiHHIIiiI", data, 18)
    top_down = height < 0
    height = abs(height)
    if width <= 0 or height == 0 or width * height > MAX_PIXELS:
        raise MediaFormatError(path, f"BMP size {width}x{height} is invalid or too large")
    if compression not in (_RGB, _BITFIELDS, _ALPHA_BITFIELDS):
        raise MediaFormatError(path, f"BMP compression {compression} (RLE or embedded JPEG/PNG) is not supported")
    if compression != _RGB and len(data) < 14 + 40 + 12:
        raise MediaFormatError(path, "BMP bit-field masks are missing (truncated)")
    if bits not in (1, 4, 8, 16, 24, 32):
        raise MediaFormatError(path, f"{bits}-bit BMP is not supported")

    stride = ((width * bits + 31) // 32) * 4
    end = pixel_offset + stride * height
    if end > len(data):
        raise MediaFormatError(path, f"BMP pixel data needs {end} bytes, the file has {len(data)} (truncated)")
    rows = np.frombuffer(data, dtype=np.uint8, count=stride * height, offset=pixel_offset).reshape(height, stride)
    if not top_down:
        rows = rows[::-1]

    if bits <= 8:
        rgb = _palette_pixels(data, rows, width, bits, header_size, colours_used, path)
    elif bits == 24:
        rgb = rows[:, : width * 3].reshape(height, width, 3)[..., ::-1]
    else:
        rgb = _masked_pixels(data, rows, width, bits, compression, header_size)
    return np.ascontiguousarray(rgb, dtype=np.uint8)


def _palette_pixels(data, rows, width, bits, header_size, colours_used, path):
    count = colours_used or (1 << bits)
    table_start = 14 + header_size
    table = np.frombuffer(data, dtype=np.uint8, count=count * 4, offset=table_start).reshape(count, 4)[:, 2::-1]
    indices = np.unpackbits(rows, axis=1).reshape(rows.shape[0], -1, bits)[:, :width, :]
    weights = (1 << np.arange(bits - 1, -1, -1)).astype(np.int32)
    indices = indices.astype(np.int32) @ weights
    if indices.max() >= count:
        raise MediaFormatError(path, f"BMP pixel uses colour {int(indices.max())} of a {count}-colour table")
    return table[indices]


def _masked_pixels(data, rows, width, bits, compression, header_size):
    dtype = "<u2" if bits == 16 else "<u4"
    values = rows[:, : width * bits // 8].copy().view(dtype).astype(np.uint64)
    masks = _DEFAULT_MASKS[bits]
    if compression in (_BITFIELDS, _ALPHA_BITFIELDS):
        # Right after a 40-byte header, or inside a V4/V5 header at the same place.
        masks = struct.unpack_from("<III", data, 14 + 40)
    channels = []
    for mask in masks:
        if mask == 0:
            channels.append(np.zeros(values.shape))
            continue
        shift = (mask & -mask).bit_length() - 1
        top = mask >> shift
        channels.append(((values >> np.uint64(shift)) & np.uint64(top)).astype(np.float64) * (255.0 / top))
    return np.clip(np.rint(np.stack(channels, axis=-1)), 0, 255)
