"""PNG: every colour type and bit depth, without interlacing; CRCs are checked."""

from __future__ import annotations

import struct
import zlib

import numpy as np

from .errors import MediaFormatError
from .transparency import over_white

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
MAX_PIXELS = 100_000_000


def decode(data: bytes, path=None) -> np.ndarray:
    """uint8 [h, w, 3] RGB; transparency is composited over white."""
    header, palette, transparency, compressed = _chunks(data, path)
    width, height, depth, colour_type, interlace = header
    if interlace:
        raise MediaFormatError(path, "interlaced (Adam7) PNG is not supported by the numpy reader; decode it in the caller")
    channels = _CHANNELS[colour_type]
    try:
        raw = zlib.decompress(compressed)
    except zlib.error as error:
        raise MediaFormatError(path, f"PNG image data is corrupt: {error}") from error

    bits_per_pixel = channels * depth
    stride = (width * bits_per_pixel + 7) // 8
    if len(raw) < height * (stride + 1):
        raise MediaFormatError(path, f"PNG image data holds {len(raw)} bytes, {height * (stride + 1)} needed (truncated)")
    rows = _unfilter(raw, height, stride, max(1, bits_per_pixel // 8), path)
    samples = _unpack(rows, width, channels, depth)
    return _to_rgb(samples, colour_type, depth, palette, transparency, path)


def _chunks(data: bytes, path):
    if not data.startswith(_SIGNATURE):
        raise MediaFormatError(path, "not a PNG file")
    position, header, palette, transparency, idat = 8, None, None, None, []
    while True:
        if position + 8 > len(data):
            raise MediaFormatError(path, "PNG ends before its IEND chunk (truncated)")
        size, kind = struct.unpack_from(">I4s", data, position)
        body = data[position + 8 : position + 8 + size]
        crc_bytes = data[position + 8 + size : position + 12 + size]
        if len(body) < size or len(crc_bytes) < 4:
            raise MediaFormatError(path, f"PNG chunk {kind!r} is truncated")
        if zlib.crc32(kind + body) != struct.unpack(">I", crc_bytes)[0]:
            raise MediaFormatError(path, f"PNG chunk {kind!r} fails its CRC check (corrupt)")
        position += 12 + size
        if kind == b"IHDR":
            header = _header(body, path)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, dtype=np.uint8).reshape(-1, 3)
        elif kind == b"tRNS":
            transparency = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        elif header is None:
            raise MediaFormatError(path, "PNG does not start with an IHDR chunk")
    if header is None or not idat:
        raise MediaFormatError(path, "PNG has no IHDR or no IDAT chunk")
    if header[3] == 3 and palette is None:
        raise MediaFormatError(path, "palette PNG has no PLTE chunk")
    return header, palette, transparency, b"".join(idat)


def _header(body: bytes, path):
    if len(body) != 13:
        raise MediaFormatError(path, f"PNG IHDR is {len(body)} bytes, expected 13")
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
    if width == 0 or height == 0:
        raise MediaFormatError(path, f"PNG is {width}x{height}")
    if width * height > MAX_PIXELS:
        raise MediaFormatError(path, f"PNG is {width}x{height}, more than {MAX_PIXELS} pixels")
    if depth not in _DEPTHS.get(colour_type, ()):
        raise MediaFormatError(path, f"PNG colour type {colour_type} with bit depth {depth} is invalid")
    return width, height, depth, colour_type, interlace


def _unfilter(raw: bytes, height: int, stride: int, bpp: int, path) -> np.ndarray:
    data = np.frombuffer(raw, dtype=np.uint8, count=height * (stride + 1)).reshape(height, stride + 1)
    filters = data[:, 0]
    rows = data[:, 1:].astype(np.int32)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        row, kind = rows[y], int(filters[y])
        if kind == 1:  # Sub: a running sum per byte lane
            lanes = np.zeros(((stride + bpp - 1) // bpp) * bpp, dtype=np.int32)
            lanes[:stride] = row
            row[:] = (np.cumsum(lanes.reshape(-1, bpp), axis=0).reshape(-1)[:stride]) & 0xFF
        elif kind == 2:  # Up
            row[:] = (row + previous) & 0xFF
        elif kind in (3, 4):  # Average and Paeth depend on the byte to the left: one pass
            _sequential(row, previous, bpp, kind)
        elif kind != 0:
            raise MediaFormatError(path, f"PNG row {y} has unknown filter type {kind}")
        previous = row
    return rows.astype(np.uint8)


def _sequential(row: np.ndarray, previous: np.ndarray, bpp: int, kind: int) -> None:
    out = row.tolist()
    up = previous.tolist()
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        if kind == 3:
            out[i] = (out[i] + ((left + up[i]) >> 1)) & 0xFF
        else:
            upper_left = up[i - bpp] if i >= bpp else 0
            estimate = left + up[i] - upper_left
            pa, pb, pc = abs(estimate - left), abs(estimate - up[i]), abs(estimate - upper_left)
            predictor = left if pa <= pb and pa <= pc else (up[i] if pb <= pc else upper_left)
            out[i] = (out[i] + predictor) & 0xFF
    row[:] = out


def _unpack(rows: np.ndarray, width: int, channels: int, depth: int) -> np.ndarray:
    """[h, w, channels] sample values at their native depth."""
    height = rows.shape[0]
    if depth == 8:
        return rows[:, : width * channels].reshape(height, width, channels).astype(np.int32)
    if depth == 16:
        wide = rows[:, : width * channels * 2].reshape(height, width * channels, 2).astype(np.int32)
        return ((wide[..., 0] << 8) | wide[..., 1]).reshape(height, width, channels)
    bits = np.unpackbits(rows, axis=1).reshape(height, -1, depth)
    weights = (1 << np.arange(depth - 1, -1, -1)).astype(np.int32)
    return (bits[:, :width, :].astype(np.int32) @ weights).reshape(height, width, 1)


def _to_rgb(samples, colour_type, depth, palette, transparency, path) -> np.ndarray:
    max_value = (1 << depth) - 1
    if colour_type == 3:
        indices = samples[..., 0]
        if indices.max() >= len(palette):
            raise MediaFormatError(path, f"PNG pixel uses palette entry {int(indices.max())} of {len(palette)}")
        rgb = palette[indices].astype(np.float64)
        alpha = None
        if transparency:
            table = np.full(len(palette), 255.0)
            entries = np.frombuffer(transparency[: len(palette)], dtype=np.uint8)
            table[: entries.size] = entries
            alpha = table[indices] / 255.0
        return over_white(rgb, alpha)

    scale = 255.0 / max_value
    colour = samples[..., :3] if colour_type in (2, 6) else samples[..., :1]
    alpha = samples[..., -1] / max_value if colour_type in (4, 6) else None
    if transparency and colour_type in (0, 2):
        key = struct.unpack(">" + "H" * (len(transparency) // 2), transparency)[: colour.shape[-1]]
        alpha = np.where(np.all(colour == np.array(key), axis=-1), 0.0, 1.0)
    rgb = np.repeat(colour, 3, axis=-1) if colour.shape[-1] == 1 else colour
    return over_white(rgb * scale, alpha)
