from __future__ import annotations

import numpy as np


def over_white(rgb: np.ndarray, alpha) -> np.ndarray:
    """uint8 RGB of colour values in [0, 255] composited over white by alpha in [0, 1] (None = opaque).

    Transparent pixels become white, as a viewer shows them on a page; the Java decoders do the same.
    """
    rgb = np.asarray(rgb, dtype=np.float64)
    if alpha is not None:
        a = np.asarray(alpha, dtype=np.float64)[..., np.newaxis]
        rgb = rgb * a + 255.0 * (1.0 - a)
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
