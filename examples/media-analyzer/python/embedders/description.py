"""analyze(): a description and keywords built from measured properties, and the meme verdict."""

from __future__ import annotations

import numpy as np

from . import colours
from .image_features import LUMA
from .memes import caption_bands
from .resize import downscale
from .video import step_energies

_MEDIAN_FRAMES = 16
_STAT_SAMPLES = 1 << 18
_GRID = 32


def analyze_frames(frames: np.ndarray) -> dict:
    """dict(description=str, keywords=list[str], is_meme=bool) of uint8 [t, h, w, 3] frames."""
    count, height, width, _ = frames.shape
    still = _representative(frames)
    step = max(1, int(np.ceil(np.sqrt(height * width / _STAT_SAMPLES))))
    sample = still[::step, ::step]
    luminance = sample.astype(np.float64) @ LUMA
    brightness = _brightness(luminance.mean() / 255.0)
    contrast = _contrast(luminance.std() / 255.0)
    _, saturation, _ = colours.hsv(sample)
    colourfulness = _colourfulness(float(saturation.mean()))
    dominant = colours.dominant(still)
    bands = caption_bands(still)
    orientation = "square" if abs(width - height) <= 0.05 * max(width, height) else ("landscape" if width > height else "portrait")
    size = _size(max(width, height))

    animated = count > 1
    motion = _motion(frames) if animated else None
    kind = f"Animated {width}x{height} {orientation} image ({count} frames, {motion})" if animated else f"Still {width}x{height} {orientation} image"
    parts = [f"{kind}: {brightness}, {colourfulness}, {contrast}"]
    if dominant:
        parts.append("mostly " + _join([f"{name} ({share:.0%})" for name, share in dominant]))
    if bands:
        place = " and ".join(bands)
        parts.append(f"caption band{'s' if len(bands) > 1 else ''} at the {place} (meme)")
    keywords = ["animated" if animated else "still", orientation, size, brightness, colourfulness, contrast]
    keywords += [name for name, _ in dominant]
    if motion:
        keywords.append(motion)
    if bands:
        keywords += ["meme", "caption"]
    keywords = list(dict.fromkeys(word.replace(" ", "-") for word in keywords))
    return {"description": "; ".join(parts), "keywords": keywords, "is_meme": bool(bands)}


def _representative(frames: np.ndarray) -> np.ndarray:
    """The frame of a still; for an animation the per-pixel (lower) median of up to 16 frames,
    where captions that stay put survive and moving content fades out."""
    if frames.shape[0] == 1:
        return frames[0]
    picks = np.unique(np.linspace(0, frames.shape[0] - 1, _MEDIAN_FRAMES).round().astype(int))
    middle = (picks.size - 1) // 2
    return np.partition(frames[picks], middle, axis=0)[middle]


def _motion(frames: np.ndarray) -> str:
    grids = np.stack([downscale(frame, _GRID, _GRID) for frame in frames])
    energy = float(step_energies(grids).mean())
    if energy < 0.002:
        return "no visible motion"
    return "gentle motion" if energy < 0.03 else "lively motion"


def _brightness(level: float) -> str:
    return "dark" if level < 0.35 else ("bright" if level > 0.65 else "mid-tone")


def _contrast(spread: float) -> str:
    return "flat" if spread < 0.05 else ("soft contrast" if spread < 0.18 else "high contrast")


def _colourfulness(saturation: float) -> str:
    return "greyscale" if saturation < 0.08 else ("muted" if saturation < 0.3 else "colourful")


def _size(longest_side: int) -> str:
    if longest_side < 128:
        return "tiny"
    if longest_side < 512:
        return "small"
    return "medium" if longest_side < 1600 else "large"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
