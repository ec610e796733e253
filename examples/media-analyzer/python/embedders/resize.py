"""Area (box-filter) resampling of images to a small fixed grid, as two matrix products."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

_ROWS_PER_BLOCK = 256


@lru_cache(maxsize=64)
def area_matrix(source: int, target: int) -> np.ndarray:
    """[target, source] weights: output cell i averages the source pixels it covers, fractions included."""
    edges = np.arange(target + 1, dtype=np.float64) * (source / target)
    pixels = np.arange(source, dtype=np.float64)
    overlap = np.minimum(edges[1:, None], pixels[None, :] + 1.0) - np.maximum(edges[:-1, None], pixels[None, :])
    weights = np.clip(overlap, 0.0, None) / (source / target)
    weights.setflags(write=False)
    return weights


def downscale(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """float64 [height, width, channels] area average of a uint8 [h, w, channels] image.

    Works through the image a block of rows at a time, so a large image is never converted
    to floating point whole.
    """
    h, w, channels = image.shape
    rows = area_matrix(h, height).astype(np.float32)
    columns = area_matrix(w, width)
    partial = np.zeros((height, w * channels), dtype=np.float64)
    for start in range(0, h, _ROWS_PER_BLOCK):
        block = image[start : start + _ROWS_PER_BLOCK].reshape(-1, w * channels).astype(np.float32)
        partial += rows[:, start : start + block.shape[0]] @ block
    partial = partial.reshape(height, w, channels).transpose(0, 2, 1)  # [height, channels, w]
    return (partial @ columns.T).transpose(0, 2, 1)
