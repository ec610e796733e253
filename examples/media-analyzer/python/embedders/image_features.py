"""Perceptual image embeddings with numpy: structure, colour distribution and colour layout.

An embedding is three blocks, weighted and then L2-normalised as a whole:

* structure: the 8x8 lowest DCT frequencies (DC left out) of the 32x32 luminance, so a change
  of brightness or contrast, noise, re-encoding or resizing hardly moves it (the idea behind
  perceptual hashes);
* colour distribution: a soft 4x4x4 RGB histogram, square-rooted (Hellinger), so it has unit
  length and compares by overlap;
* colour layout: the mean colour of a 4x4 grid of cells.

Nearest neighbours by cosine (a dot product, since the vectors have unit length) are
duplicates first, then images that look alike.
"""

from __future__ import annotations

import numpy as np

from .resize import downscale

GRID = 32
LOW_FREQUENCIES = 8
HISTOGRAM_BINS = 4
LAYOUT_CELLS = 4
STRUCTURE_WEIGHT = 1.0
HISTOGRAM_WEIGHT = 0.8
LAYOUT_WEIGHT = 0.6
#: Structure vectors shorter than this are not stretched to unit length: a nearly flat image
#: has little structure, and its noise must not look like some.
STRUCTURE_FLOOR = GRID * 4.0
_HISTOGRAM_SAMPLES = 1 << 16
LUMA = np.array([0.299, 0.587, 0.114])


def dct_matrix(size: int) -> np.ndarray:
    """Orthonormal DCT-II basis: coefficients = D @ block @ D.T."""
    k = np.arange(size)[:, None]
    n = np.arange(size)[None, :]
    basis = np.sqrt(2.0 / size) * np.cos(np.pi * (2 * n + 1) * k / (2 * size))
    basis[0] /= np.sqrt(2.0)
    return basis


class ImageModel:
    """The fixed tables of the numpy image embedder (built by load_all_models())."""

    def __init__(self) -> None:
        self.dct = dct_matrix(GRID)
        self.dct.setflags(write=False)
        self.dim = (LOW_FREQUENCIES * LOW_FREQUENCIES - 1) + HISTOGRAM_BINS**3 + LAYOUT_CELLS * LAYOUT_CELLS * 3

    @property
    def parameter_count(self) -> int:
        return self.dct.size

    def features(self, image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(embedding float64 [dim], the image area-averaged to float64 [32, 32, 3]) of a uint8 [h, w, 3] image."""
        small = downscale(image, GRID, GRID)
        luminance = small @ LUMA
        coefficients = self.dct @ luminance @ self.dct.T
        structure = coefficients[:LOW_FREQUENCIES, :LOW_FREQUENCIES].reshape(-1)[1:]
        structure = structure / max(float(np.linalg.norm(structure)), STRUCTURE_FLOOR)

        histogram = np.sqrt(soft_histogram(image))

        cell = GRID // LAYOUT_CELLS
        layout = small.reshape(LAYOUT_CELLS, cell, LAYOUT_CELLS, cell, 3).mean(axis=(1, 3)) / 255.0 - 0.5
        layout = layout.reshape(-1) / (0.5 * np.sqrt(layout.size))

        embedding = np.concatenate(
            [STRUCTURE_WEIGHT * structure, HISTOGRAM_WEIGHT * histogram, LAYOUT_WEIGHT * layout]
        )
        return normalise(embedding), small


def soft_histogram(image: np.ndarray) -> np.ndarray:
    """Probabilities of a 4x4x4 RGB histogram in which each pixel is shared by its nearest bin centres."""
    h, w, _ = image.shape
    step = max(1, int(np.ceil(np.sqrt(h * w / _HISTOGRAM_SAMPLES))))
    pixels = image[::step, ::step].reshape(-1, 3)
    lower = _LOWER_BIN[pixels]  # [n, 3] via per-value lookup tables
    upper_share = _UPPER_SHARE[pixels]
    histogram = np.zeros(HISTOGRAM_BINS**3)
    for corner in range(8):
        r, g, b = (corner >> 2) & 1, (corner >> 1) & 1, corner & 1
        share = (
            (upper_share[:, 0] if r else 1.0 - upper_share[:, 0])
            * (upper_share[:, 1] if g else 1.0 - upper_share[:, 1])
            * (upper_share[:, 2] if b else 1.0 - upper_share[:, 2])
        )
        flat = ((lower[:, 0] + r) * HISTOGRAM_BINS + lower[:, 1] + g) * HISTOGRAM_BINS + lower[:, 2] + b
        histogram += np.bincount(flat, weights=share, minlength=histogram.size)
    return histogram / histogram.sum()


def _bin_tables() -> tuple[np.ndarray, np.ndarray]:
    """For every byte value: the lower of its two nearest bin centres, and the upper one's share."""
    width = 256.0 / HISTOGRAM_BINS
    position = np.clip((np.arange(256) - width / 2) / width, 0.0, HISTOGRAM_BINS - 1.0)
    lower = np.minimum(np.floor(position).astype(np.int64), HISTOGRAM_BINS - 2)
    return lower, position - lower


_LOWER_BIN, _UPPER_SHARE = _bin_tables()


def normalise(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
