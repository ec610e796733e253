"""Caption bands: the heuristic behind analyze()'s is_meme.

A caption meme puts a band across the top or the bottom of a picture: a near-uniform
background (white, black, any flat colour) holding text in a strongly contrasting colour.
Starting from an edge that begins with a near-uniform margin, the band is the run of rows
mostly made of the margin's colour. It counts as a caption band when

* it covers 5-40% of the height, and the rest of the image does not share its background
  (so a page of text is not a meme);
* its high-contrast "ink" looks like text: a fair share of the band but not most of it,
  spread across the width, several separate strokes per row (letters), strokes thin compared
  with the width, several rows of ink stacked together (a line of text has height), and
  rows that differ from one another (bars and stripes are the same in every row).

Anti-aliased or re-encoded text is fine: only the background must be near-uniform.
Overlaid text without a band (white Impact letters on the photo itself) is not detected.
"""

from __future__ import annotations

import numpy as np

from .resize import downscale

WORKING_WIDTH = 640
MARGIN_SHARE = 0.02
MARGIN_UNIFORMITY = 0.8
BACKGROUND_TOLERANCE = 28.0
INK_CONTRAST = 80.0
MIN_ROW_BACKGROUND = 0.45
MIN_BAND, MAX_BAND = 0.05, 0.4
MIN_INK, MAX_INK = 0.01, 0.5
MIN_SPREAD = 0.15
MIN_STROKES_PER_ROW = 2.0
MAX_STROKE_SHARE = 0.1
MIN_TEXT_ROWS = 3
MAX_REST_BACKGROUND = 0.6
MAX_SOLID_COLUMNS = 0.6


def caption_bands(image: np.ndarray) -> list[str]:
    """Which edges ("top", "bottom") of a uint8 [h, w, 3] image carry a caption band."""
    rgb = _working_copy(image)
    return [side for side, rows in (("top", rgb), ("bottom", rgb[::-1])) if _is_caption_band(rows)]


def _working_copy(image: np.ndarray) -> np.ndarray:
    h, w, _ = image.shape
    if w <= WORKING_WIDTH:
        return image.astype(np.float64)
    return downscale(image, max(1, round(h * WORKING_WIDTH / w)), WORKING_WIDTH)


def _is_caption_band(rgb: np.ndarray) -> bool:
    height, width, _ = rgb.shape
    margin = max(2, int(round(height * MARGIN_SHARE)))
    if height < 3 * margin or width < 8:
        return False
    background = _margin_background(rgb[:margin])
    if background is None:
        return False

    luminance = rgb @ np.array([0.299, 0.587, 0.114])
    background_luminance = float(background @ np.array([0.299, 0.587, 0.114]))
    is_background = np.abs(rgb - background).max(axis=-1) <= BACKGROUND_TOLERANCE
    is_ink = np.abs(luminance - background_luminance) >= INK_CONTRAST
    band_rows = is_background.mean(axis=1) >= MIN_ROW_BACKGROUND
    extent = int(np.argmin(band_rows)) if not band_rows.all() else height

    if not MIN_BAND * height <= extent <= MAX_BAND * height:
        return False
    if is_background[extent:].mean() > MAX_REST_BACKGROUND:
        return False
    return _looks_like_text(is_ink[:extent], width)


def _margin_background(margin: np.ndarray):
    """The margin's colour when it is near-uniform, else None."""
    pixels = margin.reshape(-1, 3)
    colour = np.median(pixels, axis=0)
    uniform = (np.abs(pixels - colour).max(axis=1) <= BACKGROUND_TOLERANCE).mean()
    return colour if uniform >= MARGIN_UNIFORMITY else None


def _looks_like_text(ink: np.ndarray, width: int) -> bool:
    share = ink.mean()
    if not MIN_INK <= share <= MAX_INK:
        return False
    columns = np.flatnonzero(ink.any(axis=0))
    if columns.size == 0 or (columns[-1] - columns[0] + 1) < MIN_SPREAD * width:
        return False
    padded = np.pad(ink.astype(np.int8), ((0, 0), (1, 1)))
    strokes_per_row = (np.diff(padded, axis=1) == 1).sum(axis=1)
    text_rows = strokes_per_row >= MIN_STROKES_PER_ROW
    start, stop = _longest_run(text_rows)
    if stop - start < MIN_TEXT_ROWS:
        return False
    mean_stroke = ink[text_rows].sum() / max(1, strokes_per_row[text_rows].sum())
    if mean_stroke > MAX_STROKE_SHARE * width:
        return False
    # Letters change from row to row; bars, fences and stripes are the same in every row.
    line = ink[start:stop]
    coverage = line[:, line.any(axis=0)].mean(axis=0)
    return (coverage >= 0.9).mean() <= MAX_SOLID_COLUMNS


def _longest_run(mask: np.ndarray) -> tuple[int, int]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if starts.size == 0:
        return 0, 0
    longest = int(np.argmax(stops - starts))
    return int(starts[longest]), int(stops[longest])
