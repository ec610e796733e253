"""GIF: every frame composited onto the logical screen, as a browser shows it.

Disposal methods: 0 and 1 leave the frame on the screen, 2 clears its rectangle to
transparent, 3 puts back what was under it. Pixels that no frame has painted are transparent
and come out white (see transparency.over_white); the Java decoder does the same.
"""

from __future__ import annotations

import struct

import numpy as np

from .errors import MediaFormatError
from .transparency import over_white

MAX_SCREEN_BYTES = 1 << 30
_INTERLACE_PASSES = ((0, 8), (4, 8), (2, 4), (1, 2))


def decode(data: bytes, path=None, max_frames=None) -> np.ndarray:
    """uint8 [t, h, w, 3] frames of the logical screen."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise MediaFormatError(path, "not a GIF file")
    reader = _Reader(data, path)
    width, height, flags, _, _ = struct.unpack_from("<HHBBB", reader.take(13)[6:])
    if width == 0 or height == 0:
        raise MediaFormatError(path, f"GIF logical screen is {width}x{height}")
    global_table = reader.colour_table(flags)

    canvas = np.zeros((height, width, 4), dtype=np.uint8)  # RGBA, all transparent
    frames = []
    control = (0, None)  # (disposal, transparent index) from the latest graphic control extension
    while max_frames is None or len(frames) < max_frames:
        if reader.position == len(data):  # ends between blocks without its trailer: nothing is missing
            break
        introducer = reader.byte()
        if introducer == 0x3B:  # trailer
            break
        if introducer == 0x21:
            label = reader.byte()
            blocks = reader.sub_blocks()
            if label == 0xF9 and len(blocks) >= 4:
                packed, _, transparent = struct.unpack_from("<BHB", blocks)
                control = ((packed >> 2) & 0x07, transparent if packed & 0x01 else None)
            continue
        if introducer != 0x2C:
            raise MediaFormatError(path, f"GIF has an unknown block {introducer:#04x} at byte {reader.position - 1}")

        left, top, w, h, image_flags = struct.unpack("<HHHHB", reader.take(9))
        table = reader.colour_table(image_flags) if image_flags & 0x80 else global_table
        if table is None:
            raise MediaFormatError(path, f"GIF frame {len(frames)} has no colour table")
        min_code_size = reader.byte()
        indices = _lzw(reader.sub_blocks(), min_code_size, w * h, path)
        if image_flags & 0x40:
            indices = _deinterlace(indices, w, h)

        disposal, transparent = control
        saved = canvas.copy() if disposal == 3 else None
        _paint(canvas, indices.reshape(h, w), table, transparent, left, top, path, len(frames))
        frames.append(over_white(canvas[..., :3], canvas[..., 3] / 255.0))
        if len(frames) * width * height * 3 > MAX_SCREEN_BYTES:
            raise MediaFormatError(path, f"GIF frames exceed {MAX_SCREEN_BYTES} bytes decoded")
        if disposal == 2:
            canvas[top : top + h, left : left + w] = 0
        elif disposal == 3:
            canvas = saved
        control = (0, None)
    if not frames:
        raise MediaFormatError(path, "GIF has no frames")
    return np.stack(frames)


def _paint(canvas, indices, table, transparent, left, top, path, number) -> None:
    if indices.max(initial=0) >= len(table):
        raise MediaFormatError(path, f"GIF frame {number} uses colour {int(indices.max())} of a {len(table)}-colour table")
    height, width = canvas.shape[:2]
    visible = indices[: max(0, height - top), : max(0, width - left)]  # frames may overhang the screen
    h, w = visible.shape
    region = canvas[top : top + h, left : left + w]
    opaque = np.ones(visible.shape, dtype=bool) if transparent is None else visible != transparent
    region[opaque, :3] = table[visible[opaque]]
    region[opaque, 3] = 255


def _deinterlace(indices: np.ndarray, width: int, height: int) -> np.ndarray:
    rows = indices.reshape(height, width)
    order = np.concatenate([np.arange(start, height, step) for start, step in _INTERLACE_PASSES])
    out = np.empty_like(rows)
    out[order] = rows
    return out.reshape(-1)


def _lzw(data: bytes, min_code_size: int, pixel_count: int, path) -> np.ndarray:
    if not 2 <= min_code_size <= 11:
        raise MediaFormatError(path, f"GIF LZW minimum code size {min_code_size} is invalid")
    clear = 1 << min_code_size
    end = clear + 1
    base = [bytes([i]) for i in range(clear)] + [b"", b""]
    table = list(base)
    size = min_code_size + 1
    out = bytearray()
    previous = None
    bit_buffer = bit_count = 0
    for byte in data:
        bit_buffer |= byte << bit_count
        bit_count += 8
        while bit_count >= size:
            code = bit_buffer & ((1 << size) - 1)
            bit_buffer >>= size
            bit_count -= size
            if code == clear:
                table, size, previous = list(base), min_code_size + 1, None
                continue
            if code == end:
                return _finish(out, pixel_count, path)
            if previous is None:
                if code >= clear:
                    raise MediaFormatError(path, f"GIF LZW stream starts with code {code}, not a colour (corrupt)")
                entry = table[code]
            elif code < len(table):
                entry = table[code]
                if len(table) < 4096:
                    table.append(previous + entry[:1])
            elif code == len(table):
                entry = previous + previous[:1]
                table.append(entry)
            else:
                raise MediaFormatError(path, f"GIF LZW code {code} is beyond the table of {len(table)} (corrupt)")
            out += entry
            previous = entry
            if len(table) == 1 << size and size < 12:
                size += 1
    return _finish(out, pixel_count, path)


def _finish(out: bytearray, pixel_count: int, path) -> np.ndarray:
    if len(out) < pixel_count:
        raise MediaFormatError(path, f"GIF frame data decodes to {len(out)} pixels, {pixel_count} needed (truncated)")
    return np.frombuffer(bytes(out[:pixel_count]), dtype=np.uint8)


class _Reader:
    def __init__(self, data: bytes, path) -> None:
        self.data, self.path, self.position = data, path, 0

    def take(self, count: int) -> bytes:
        chunk = self.data[self.position : self.position + count]
        if len(chunk) < count:
            raise MediaFormatError(self.path, f"GIF ends at byte {len(self.data)} in the middle of a block (truncated)")
        self.position += count
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def sub_blocks(self) -> bytes:
        parts = []
        while True:
            length = self.byte()
            if length == 0:
                return b"".join(parts)
            parts.append(self.take(length))

    def colour_table(self, flags: int):
        if not flags & 0x80:
            return None
        entries = 2 << (flags & 0x07)
        return np.frombuffer(self.take(3 * entries), dtype=np.uint8).reshape(entries, 3)
