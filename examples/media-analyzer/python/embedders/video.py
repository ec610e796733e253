"""Video embeddings: per-frame embeddings pooled over time, plus how much and where things move.

Layout of the vector (L2-normalised as a whole):
  [ mean of the frame embeddings, normalised             (image_dim)
  | TEMPORAL_WEIGHT * per-dimension std over frames       (image_dim)
  | MOTION_WEIGHT * motion features                       (MOTION_DIM) ]
Motion features come from the frames area-averaged to 32x32 RGB: the mean, largest and spread
of the per-step mean absolute change (colour changes count, not only brightness), the share of
steps that move at all, and where on a 4x4 grid the change happens. A single frame has no
motion and no spread.
"""

from __future__ import annotations

import numpy as np

from .image_features import GRID, normalise

MOTION_CELLS = 4
MOTION_DIM = 4 + MOTION_CELLS * MOTION_CELLS
#: Mean absolute change per step (0..1) above which a step counts as moving.
MOVING_STEP = 0.004
#: Typical motion energies are a few percent; the gain brings them to the scale of the rest.
MOTION_GAIN = 8.0
TEMPORAL_WEIGHT = 0.5
MOTION_WEIGHT = 0.6


def video_dim(image_dim: int) -> int:
    return 2 * image_dim + MOTION_DIM


def step_energies(grids: np.ndarray) -> np.ndarray:
    """Mean absolute change (0..1) between consecutive [t, 32, 32, 3] frame grids: [t - 1]."""
    if grids.shape[0] < 2:
        return np.zeros(0)
    return np.abs(np.diff(grids, axis=0)).mean(axis=(1, 2, 3)) / 255.0


def motion_features(grids: np.ndarray) -> np.ndarray:
    energies = step_energies(grids)
    if energies.size == 0:
        return np.zeros(MOTION_DIM)
    change = np.abs(np.diff(grids, axis=0)).mean(axis=(0, 3)) / 255.0
    cell = GRID // MOTION_CELLS
    where = change.reshape(MOTION_CELLS, cell, MOTION_CELLS, cell).mean(axis=(1, 3)).reshape(-1)
    summary = [energies.mean(), energies.max(), energies.std(), float((energies > MOVING_STEP).mean())]
    scaled = np.concatenate([np.array(summary[:3]) * MOTION_GAIN, summary[3:], where * MOTION_GAIN])
    return np.minimum(scaled, 1.0)


def pool(vectors: np.ndarray, grids: np.ndarray) -> np.ndarray:
    """The video vector of per-frame unit vectors [t, d] and their frame grids [t, 32, 32, 3]."""
    mean = normalise(vectors.mean(axis=0))
    spread = vectors.std(axis=0)
    return normalise(np.concatenate([mean, TEMPORAL_WEIGHT * spread, MOTION_WEIGHT * motion_features(grids)]))
