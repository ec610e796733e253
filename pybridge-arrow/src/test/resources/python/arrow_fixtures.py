"""Python halves of the pybridge-arrow Java tests."""

import gc
import sys
import weakref

import numpy as np

import pybridge_arrow

_kept = {}


def address(array):
    """Where a numpy array's data starts."""
    return int(np.asarray(array).__array_interface__["data"][0])


def column_address(batch, name):
    return address(np.ma.getdata(batch[name]))


def describe(batch):
    """Every column as plain Python lists (None at nulls), by name."""
    out = {}
    for name in batch.names:
        column = batch[name]
        mask = np.ma.getmaskarray(column) if isinstance(column, np.ma.MaskedArray) else None
        values = np.ma.getdata(column).tolist()
        if mask is not None:
            values = [None if m else v for v, m in zip(values, mask.tolist())]
        out[name] = values
    return out


def collect():
    gc.collect()
    return pybridge_arrow.live_exports()


def results(n):
    """What a model returns: a dict of numpy arrays, with a masked one."""
    labels = np.arange(n, dtype=np.int64) % 10
    scores = np.linspace(0.0, 1.0, n)
    masked = np.ma.MaskedArray(np.arange(n, dtype=np.int32), mask=np.arange(n) % 3 == 0)
    words = np.array([None if i % 4 == 1 else f"w{i}é" for i in range(n)], dtype=object)
    _kept["labels"] = labels
    _kept["scores"] = scores
    return {"label": labels, "score": scores, "masked": masked, "word": words}


def watch(name, array):
    """Remembers ``array`` weakly under ``name``."""
    _kept["weak:" + name] = weakref.ref(array)


def alive(name):
    gc.collect()
    return _kept["weak:" + name]() is not None


def forget():
    _kept.clear()
    gc.collect()


def watched_results(n):
    """A dict of fresh arrays that nothing else holds, watched weakly."""
    values = np.arange(n, dtype=np.float64) * 2.0
    watch("values", values)
    return {"values": values}


def hold(key, value):
    _kept[key] = value


def drop(key):
    _kept.pop(key, None)
    gc.collect()


def tail_view(batch, name):
    """A view of the last rows of a column, the batch itself not kept."""
    return batch[name][-3:]


def sum_stream(stream, name):
    total = 0
    rows = 0
    for batch in stream:
        total += int(np.asarray(batch[name]).sum())
        rows += len(batch)
    return [rows, total]


def batches(count, rows):
    for k in range(count):
        yield {"k": np.full(rows, k, dtype=np.int32), "x": np.arange(rows, dtype=np.float64) + k}


def pandas_available():
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def frame_summary(frame):
    return {"type": type(frame).__name__, "columns": [str(c) for c in frame.columns],
            "dtypes": [str(t) for t in frame.dtypes], "rows": len(frame)}


def a_frame():
    import pandas as pd
    return pd.DataFrame({"n": pd.array([1, None, 3], dtype="Int64"), "x": [0.5, 1.5, 2.5], "s": ["a", None, "ç"]})


def run_unittests(path):
    """Runs the package's own Python tests in this interpreter; returns (ok, report)."""
    import io
    import unittest
    if path not in sys.path:
        sys.path.insert(0, path)
    suite = unittest.defaultTestLoader.discover(path + "/tests", top_level_dir=path)
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    return [result.wasSuccessful(), stream.getvalue()]


def install_fake_pyarrow(path):
    if path not in sys.path:
        sys.path.insert(0, path)
    from tests.fakes import fake_pyarrow
    fake = fake_pyarrow()
    sys.modules["pyarrow"] = fake
    return fake


def remove_fake_pyarrow():
    sys.modules.pop("pyarrow", None)


def block_pyarrow():
    sys.modules["pyarrow"] = None


def real_pyarrow():
    """pyarrow itself when it imports (not a stand-in), else None."""
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow if hasattr(pyarrow, "__version__") else None


def pyarrow_table(pyarrow, rows):
    return pyarrow.table({"x": pyarrow.array(range(rows)), "s": pyarrow.array([f"v{i}" for i in range(rows)])})
