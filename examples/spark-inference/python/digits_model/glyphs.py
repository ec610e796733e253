"""Synthetic 8x8 digits, in the value range of scikit-learn's digits (0..16), for interpreters without
scikit-learn: each sample is a 5x7 glyph placed at a random offset, with uneven ink, gaps and specks."""

import numpy as np

GLYPHS = {
    0: [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
    1: ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
    2: [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
    3: ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
    4: ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
    5: ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
    6: ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
    7: ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
    8: [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
    9: [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
}


def _masks():
    return {d: np.array([[c == "#" for c in row] for row in rows], dtype=bool) for d, rows in GLYPHS.items()}


def synthetic_digits(count, seed=0):
    """``count`` samples: (pixels float64 (count, 64) in 0..16, labels int64)."""
    rng = np.random.RandomState(seed)
    masks = _masks()
    labels = rng.randint(0, 10, size=count).astype(np.int64)
    images = np.zeros((count, 8, 8))
    for i, digit in enumerate(labels):
        dy, dx = rng.randint(0, 2), rng.randint(0, 4)
        ink = rng.uniform(9, 16) + rng.normal(0, 3, size=(7, 5))
        stroke = masks[digit] & (rng.rand(7, 5) > 0.12)
        images[i, dy:dy + 7, dx:dx + 5] = np.where(stroke, ink, 0)
        specks = rng.rand(8, 8) < 0.06
        images[i][specks] = rng.uniform(0, 10, size=specks.sum())
    pixels = np.clip(np.rint(images), 0, 16).reshape(count, 64)
    return pixels, labels
