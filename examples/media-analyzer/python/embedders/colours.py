"""Names of colours, by hue, saturation and value, and the dominant colours of an image."""

from __future__ import annotations

import numpy as np

NAMES = ("black", "white", "grey", "red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "brown")
# Upper hue bounds (degrees) of the chromatic names; red wraps around 360.
_HUES = ((15, "red"), (40, "orange"), (70, "yellow"), (165, "green"), (195, "cyan"), (255, "blue"), (290, "purple"), (345, "pink"), (360, "red"))
_SAMPLES = 1 << 16
DARK = 0.2
GREYISH = 0.2
WHITE = 0.85


def hsv(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hue in degrees, saturation and value in [0, 1] of uint8 RGB [..., 3]."""
    rgb = pixels.astype(np.float64) / 255.0
    value = rgb.max(axis=-1)
    chroma = value - rgb.min(axis=-1)
    saturation = np.divide(chroma, value, out=np.zeros_like(value), where=value > 0)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    safe = np.where(chroma > 0, chroma, 1.0)
    hue = np.where(
        value == r, ((g - b) / safe) % 6.0, np.where(value == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0)
    )
    return np.where(chroma > 0, hue * 60.0, 0.0), saturation, value


def name_indices(pixels: np.ndarray) -> np.ndarray:
    """Index into NAMES of every pixel of uint8 RGB [..., 3]."""
    hue, saturation, value = hsv(pixels)
    index = np.full(hue.shape, NAMES.index("grey"))
    lower = 0
    for upper, name in _HUES:
        index = np.where((hue >= lower) & (hue < upper), NAMES.index(name), index)
        lower = upper
    index = np.where((index == NAMES.index("orange")) & (value < 0.65), NAMES.index("brown"), index)
    greyish = saturation < GREYISH
    index = np.where(greyish, np.where(value > WHITE, NAMES.index("white"), NAMES.index("grey")), index)
    return np.where(value < DARK, NAMES.index("black"), index)


def dominant(image: np.ndarray, min_share: float = 0.1, top: int = 3) -> list[tuple[str, float]]:
    """The most common colour names of a uint8 [h, w, 3] image with their share of its pixels."""
    h, w, _ = image.shape
    step = max(1, int(np.ceil(np.sqrt(h * w / _SAMPLES))))
    counts = np.bincount(name_indices(image[::step, ::step]).reshape(-1), minlength=len(NAMES))
    shares = counts / counts.sum()
    order = sorted(range(len(NAMES)), key=lambda i: (-shares[i], i))
    return [(NAMES[i], float(shares[i])) for i in order[:top] if shares[i] >= min_share]
