"""Python half of io.pybridge.benchmarks.arrow.ArrowTransfer: what a model would do with a batch from Java,
reduced to taking its columns (no arithmetic), and handing columns back."""

import numpy as np

import pybridge_arrow

_made = {}


def take_views(batch):
    """Every column as numpy without a copy: f and i as arrays, s as its offsets and bytes. Returns the bytes seen."""
    f = np.asarray(batch["f"])
    i = np.asarray(batch["i"])
    _, offsets, data = batch.raw_buffers("s")
    return f.nbytes + i.nbytes + offsets.nbytes + data.nbytes


def decode_strings(batch):
    """The string column as a numpy object array of str (decoding is a copy)."""
    return len(batch["s"])


def same_columns(batch):
    """The batch's own columns, as a model would return some of its input: numpy views of f and i, and
    the string column as Arrow (its buffers reused)."""
    return pybridge_arrow.Batch.from_columns({"f": batch["f"], "i": batch["i"], "s": batch.arrow_column("s")})


def make_numbers(rows):
    """New numpy columns made in Python, kept for number_results."""
    _made["f"] = np.arange(rows, dtype=np.float64) * 0.5
    _made["i"] = np.arange(rows, dtype=np.int64)
    return _made["f"].nbytes + _made["i"].nbytes


def number_results():
    return {"f": _made["f"], "i": _made["i"]}


def make_strings(rows):
    _made["s"] = np.array([f"r{k}" for k in range(rows)], dtype=object)


def string_results():
    """A column of Python str objects (encoding to UTF-8 is a copy)."""
    return {"s": _made["s"]}


def forget():
    _made.clear()
