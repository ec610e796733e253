"""Known test media made from scratch: tones of given notes, pictures, caption memes, encoders."""

from __future__ import annotations

import struct
import zlib

import numpy as np

from embedders.notes import midi_to_hz, name_to_midi


def tone(note: str, seconds: float, rate: int, harmonics=(1.0,), amplitude=0.5, envelope="flat") -> np.ndarray:
    """A note as a sum of harmonics (weights of f0, 2 f0, ...), with 5 ms fades against clicks."""
    frequency = midi_to_hz(name_to_midi(note))
    t = np.arange(int(round(seconds * rate))) / rate
    wave = sum(weight * np.sin(2 * np.pi * frequency * (k + 1) * t + 0.3 * k) for k, weight in enumerate(harmonics))
    wave = wave / np.abs(wave).max()
    if envelope == "decay":
        wave = wave * np.exp(-3.0 * t)
    fade = min(t.size // 2, int(0.005 * rate))
    ramp = np.linspace(0.0, 1.0, fade, endpoint=False)
    wave[:fade] *= ramp
    wave[t.size - fade :] *= ramp[::-1]
    return amplitude * wave


def melody(notes, rate, seconds=0.35, gap=0.05, **kwargs) -> np.ndarray:
    parts = []
    for note in notes:
        parts.append(tone(note, seconds, rate, **kwargs))
        parts.append(np.zeros(int(round(gap * rate))))
    return np.concatenate(parts).astype(np.float32)


def read_only(array: np.ndarray) -> np.ndarray:
    """A read-only view, as a buffer handed over from Java may be."""
    view = array.view()
    view.setflags(write=False)
    return view


# ---------------------------------------------------------------------------------------------
# Pictures

def photo(seed: int, height=120, width=160) -> np.ndarray:
    """A photo-like picture: smooth colour gradients, soft blobs and a little sensor noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width] / np.array([height, width])[:, None, None]
    base = rng.uniform(40, 200, 3)
    tilt = rng.uniform(-60, 60, (2, 3))
    image = base + y[..., None] * tilt[0] + x[..., None] * tilt[1]
    for _ in range(4):
        cy, cx, radius = rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9), rng.uniform(0.08, 0.3)
        blob = np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * radius**2))
        image += blob[..., None] * rng.uniform(-90, 90, 3)
    image += rng.normal(0, 3, image.shape)
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def shapes(seed: int, height=120, width=160) -> np.ndarray:
    """Flat-coloured rectangles and discs on a flat background."""
    rng = np.random.default_rng(seed)
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:] = rng.integers(0, 256, 3)
    y, x = np.mgrid[0:height, 0:width]
    for _ in range(5):
        colour = rng.integers(0, 256, 3)
        cy, cx = rng.integers(0, height), rng.integers(0, width)
        size = rng.integers(10, 40)
        if rng.random() < 0.5:
            mask = (abs(y - cy) < size) & (abs(x - cx) < size // 2 + 5)
        else:
            mask = (y - cy) ** 2 + (x - cx) ** 2 < size**2
        image[mask] = colour
    return image


def noisy(image: np.ndarray, seed: int, sigma=6.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(image + rng.normal(0, sigma, image.shape), 0, 255).astype(np.uint8)


def brighter(image: np.ndarray, amount=20) -> np.ndarray:
    return np.clip(image.astype(np.int32) + amount, 0, 255).astype(np.uint8)


def half_size(image: np.ndarray) -> np.ndarray:
    h, w = image.shape[0] // 2 * 2, image.shape[1] // 2 * 2
    return image[:h, :w].reshape(h // 2, 2, w // 2, 2, 3).mean(axis=(1, 3)).round().astype(np.uint8)


# A 5x7 block font, enough for captions.
_GLYPHS = {
    "A": ".###.#...##...#######...##...##...#", "B": "####.#...#####.#...##...##...#####.",
    "C": ".#####....#....#....#....#.....####", "D": "####.#...##...##...##...##...#####.",
    "E": "######....####.#....#....#....#####", "F": "######....####.#....#....#....#....",
    "G": ".####....#....#..###...##...#.####.", "H": "#...##...#######...##...##...##...#",
    "I": "#####..#....#....#....#....#..#####", "K": "#...##..#.###..#..#.#...##...##...#",
    "L": "#....#....#....#....#....#....#####", "M": "#...###.###.#.##...##...##...##...#",
    "N": "#...###..##.#.##..###...##...##...#", "O": ".###.#...##...##...##...##...#.###.",
    "P": "####.#...#####.#....#....#....#....", "R": "####.#...#####.#.#..#..#.#...##...#",
    "S": ".#####....#.....###.....#....#####.", "T": "#####..#....#....#....#....#....#..",
    "U": "#...##...##...##...##...##...#.###.", "W": "#...##...##...##.#.##.#.###.###...#",
    "Y": "#...#.#.#...#....#....#....#....#..", "J": "..###...#....#....#.#..#.#..#..##..",
    "Q": ".###.#...##...##...##.#.##..#..##.#", "V": "#...##...##...##...##...#.#.#...#..",
    "X": "#...##...#.#.#...#...#.#.#...##...#", "Z": "#####....#...#...#...#...#....#####",
    " ": "." * 35,
}


def draw_text(image: np.ndarray, text: str, top: int, colour, scale: int) -> None:
    """Draws text centred horizontally with its top at row top."""
    glyph_width, spacing = 5 * scale, scale
    width = len(text) * (glyph_width + spacing) - spacing
    left = (image.shape[1] - width) // 2
    if left < 0 or top < 0 or top + 7 * scale > image.shape[0]:
        raise ValueError(f"{text!r} at scale {scale} does not fit a {image.shape[1]}x{image.shape[0]} band")
    for index, letter in enumerate(text.upper()):
        pattern = np.array([c == "#" for c in _GLYPHS[letter]]).reshape(7, 5)
        block = np.kron(pattern, np.ones((scale, scale), dtype=bool))
        x = left + index * (glyph_width + spacing)
        region = image[top : top + 7 * scale, x : x + glyph_width]
        region[block[: region.shape[0], : region.shape[1]]] = colour


def meme(picture: np.ndarray, top_text="TESTS PASS", bottom_text="FIRST TRY", band_share=0.2,
         band_colour=(255, 255, 255), ink=(0, 0, 0), scale=2) -> np.ndarray:
    """picture with caption bands added above and below (either text may be None)."""
    height, width, _ = picture.shape
    band = int(round(height * band_share))
    parts = []
    for text in (top_text, bottom_text):
        strip = np.empty((band, width, 3), dtype=np.uint8)
        strip[:] = band_colour
        if text:
            draw_text(strip, text, (band - 7 * scale) // 2, ink, scale)
        parts.append(strip if text else None)
    stacked = [p for p in (parts[0], picture, parts[1]) if p is not None]
    return np.concatenate(stacked, axis=0)


# ---------------------------------------------------------------------------------------------
# Encoders for the media_io tests

def wav_bytes(channels: np.ndarray, rate: int, encoding: str) -> bytes:
    """RIFF WAVE of float channels [n, c] in [-1, 1]: "pcm8", "pcm16", "pcm24", "pcm32", "float32", "float64"."""
    bits = int(encoding.lstrip("pcmfloat"))
    if encoding.startswith("float"):
        payload = channels.astype("<f4" if bits == 32 else "<f8").tobytes()
        tag = 3
    elif bits == 8:
        payload = np.clip(np.rint(channels * 128 + 128), 0, 255).astype(np.uint8).tobytes()
        tag = 1
    else:
        scale = float(1 << (bits - 1))
        values = np.clip(np.rint(channels * scale), -scale, scale - 1).astype(np.int64)
        if bits == 24:
            payload = (values.reshape(-1)[:, None] >> np.array([0, 8, 16]) & 0xFF).astype(np.uint8).tobytes()
        else:
            payload = values.astype("<i2" if bits == 16 else "<i4").tobytes()
        tag = 1
    count = channels.shape[1]
    fmt = struct.pack("<HHIIHH", tag, count, rate, rate * count * bits // 8, count * bits // 8, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def png_bytes(rgb: np.ndarray, filters=(0, 1, 2, 3, 4)) -> bytes:
    """An 8-bit RGB PNG whose rows cycle through the given filter types."""
    height, width, _ = rgb.shape
    data = rgb.astype(np.int32)
    raw = bytearray()
    previous = np.zeros(width * 3, dtype=np.int32)
    for y in range(height):
        row = data[y].reshape(-1)
        kind = filters[y % len(filters)]
        left = np.concatenate([np.zeros(3, dtype=np.int32), row[:-3]])
        upper_left = np.concatenate([np.zeros(3, dtype=np.int32), previous[:-3]])
        if kind == 0:
            encoded = row
        elif kind == 1:
            encoded = row - left
        elif kind == 2:
            encoded = row - previous
        elif kind == 3:
            encoded = row - (left + previous) // 2
        else:
            estimate = left + previous - upper_left
            pa, pb, pc = abs(estimate - left), abs(estimate - previous), abs(estimate - upper_left)
            predictor = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, previous, upper_left))
            encoded = row - predictor
        raw += bytes([kind]) + (encoded & 0xFF).astype(np.uint8).tobytes()
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")


def bmp_bytes(rgb: np.ndarray) -> bytes:
    """A bottom-up 24-bit BMP."""
    height, width, _ = rgb.shape
    stride = (width * 3 + 3) // 4 * 4
    rows = np.zeros((height, stride), dtype=np.uint8)
    rows[:, : width * 3] = rgb[::-1, :, ::-1].reshape(height, -1)
    pixels = rows.tobytes()
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info)) + info + pixels


def gif_bytes(width: int, height: int, palette: np.ndarray, frames) -> bytes:
    """A GIF89a; frames are (indices [h, w] uint8, left, top, disposal, transparent index or None).

    The LZW coder emits a clear code before the table grows, so codes keep one width: valid
    GIF that any decoder reads, just not compressed.
    """
    depth = max(1, int(np.ceil(np.log2(len(palette)))))
    table = np.zeros((1 << depth, 3), dtype=np.uint8)
    table[: len(palette)] = palette
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80 | (depth - 1), 0, 0) + table.tobytes())
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for indices, left, top, disposal, transparent in frames:
        h, w = indices.shape
        packed = (disposal << 2) | (1 if transparent is not None else 0)
        out += b"\x21\xf9\x04" + struct.pack("<BHB", packed, 10, transparent or 0) + b"\x00"
        out += b"\x2c" + struct.pack("<HHHHB", left, top, w, h, 0)
        min_code = max(2, depth)
        out += bytes([min_code]) + _sub_blocks(_lzw_uncompressed(indices.reshape(-1), min_code)) + b"\x00"
    return bytes(out + b"\x3b")


def _lzw_uncompressed(indices: np.ndarray, min_code: int) -> bytes:
    clear, size = 1 << min_code, min_code + 1
    codes, run = [clear], 0
    for value in indices.tolist():
        if run == clear - 2:  # the decoder's table would reach the next code width: start over
            codes.append(clear)
            run = 0
        codes.append(value)
        run += 1
    codes.append(clear + 1)
    buffer = bits = 0
    out = bytearray()
    for code in codes:
        buffer |= code << bits
        bits += size
        while bits >= 8:
            out.append(buffer & 0xFF)
            buffer >>= 8
            bits -= 8
    if bits:
        out.append(buffer & 0xFF)
    return bytes(out)


def _sub_blocks(data: bytes) -> bytes:
    return b"".join(bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255))
