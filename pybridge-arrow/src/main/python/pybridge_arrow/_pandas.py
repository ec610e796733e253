"""pandas DataFrames from and to Batches (imported only when pandas is used)."""

import numpy as np
import pandas as pd

from ._batch import Batch
from ._columns import Column
from ._types import Field, timezone_of

__all__ = ["batch_to_pandas", "batch_from_pandas"]


def _pandas_values(column):
    values = column.values()
    mask = column.null_mask()
    tz = timezone_of(column.format)
    if values.ndim == 2:
        rows = np.empty(len(values), dtype=object)
        rows[:] = list(values)
        if mask is not None:
            rows[mask] = None
        return rows
    if mask is not None:
        kind = values.dtype.kind
        if kind in "iu":
            values = pd.arrays.IntegerArray(values, mask)
        elif kind == "f":
            values = pd.arrays.FloatingArray(values if values.dtype.itemsize >= 4 else values.astype(np.float32), mask)
        elif kind == "b":
            values = pd.arrays.BooleanArray(values, mask)
        elif kind == "O":
            values[mask] = None
        elif kind in "mM":
            values = values.copy()
            values[mask] = values.dtype.type("NaT")
    if tz:
        return pd.Series(values).dt.tz_localize("UTC").dt.tz_convert(tz).array
    return values


def batch_to_pandas(batch):
    """A DataFrame with one column per Batch column.

    Numbers and times without nulls are the Arrow memory itself (read-only; pandas copies when you
    write to them); integers, floats and bools with nulls become pandas' nullable arrays (Int64, Float64,
    boolean: null is not NaN) over the same values; strings are objects (None for null); fixed-size
    lists are an object column of row arrays; timestamps with a timezone are tz-aware.
    """
    data = {}
    for position, column in enumerate(batch._columns):
        name = column.name if column.name not in data else f"{column.name}.{position}"
        data[name] = _pandas_values(column)
    return pd.DataFrame(data, copy=False) if data else pd.DataFrame(index=pd.RangeIndex(batch.num_rows))


def _column_of_series(name, series):
    dtype = series.dtype
    if isinstance(dtype, np.dtype):
        return Column.from_values(name, series.to_numpy(copy=False))
    if isinstance(dtype, pd.DatetimeTZDtype):
        utc = series.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        column = Column.from_values(name, utc)
        fmt = column.format.split(":", 1)[0] + ":" + str(dtype.tz)
        return Column(Field(name, fmt), column.length, column.null_count, 0, column.buffers, owner=column.owner)
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    mask = np.asarray(series.isna(), dtype=bool)
    if numpy_dtype is not None and numpy_dtype.kind in "biuf":
        values = series.to_numpy(dtype=numpy_dtype, na_value=numpy_dtype.type(0))
        return Column.from_values(name, np.ma.MaskedArray(values, mask=mask))
    objects = series.astype(object).to_numpy()
    return Column.from_values(name, np.ma.MaskedArray(objects, mask=mask))


def batch_from_pandas(frame):
    """A Batch of the DataFrame's columns (the index is not included: ``reset_index()`` first to keep it).

    numpy-typed numbers and times are used in place; nullable extension columns (Int64, Float64,
    boolean) are copied with their mask; strings, categoricals and other objects are encoded.
    """
    columns = []
    for name, series in frame.items():
        columns.append(_column_of_series(str(name), series))
    return Batch(columns, len(frame))
