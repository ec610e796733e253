import gc
import unittest

import numpy as np

import pybridge_arrow
from pybridge_arrow import Batch, JavaExport

from .fakes import consume_capsules

try:
    import pandas as pd
except ImportError:
    pd = None


@unittest.skipIf(pd is None, "pandas is not installed in this interpreter")
class PandasTest(unittest.TestCase):
    def test_numbers_without_nulls_stay_in_place(self):
        floats = np.arange(10.0)
        ints = np.arange(10, dtype=np.int64)
        batch = consume_capsules(Batch.from_columns({"f": floats, "i": ints}))
        frame = batch.to_pandas()
        self.assertTrue(np.shares_memory(frame["f"].to_numpy(), floats))
        self.assertTrue(np.shares_memory(frame["i"].to_numpy(), ints))

    def test_nulls_become_nullable_columns(self):
        batch = consume_capsules(Batch.from_columns({
            "i": np.ma.MaskedArray(np.arange(4, dtype=np.int32), mask=[0, 1, 0, 0]),
            "f": np.ma.MaskedArray(np.array([1.0, np.nan, 3.0, 4.0]), mask=[0, 0, 1, 0]),
            "b": np.ma.MaskedArray(np.array([True, False, True, False]), mask=[1, 0, 0, 0]),
            "s": np.array(["a", None, "c", "d"], dtype=object),
            "t": np.array(["2024-01-01", "NaT", "2024-01-03", "2024-01-04"], dtype="datetime64[ms]"),
        }))
        frame = batch.to_pandas()
        self.assertEqual(["Int32", "Float64", "boolean", "object"], [str(t) for t in frame.dtypes[:4]])
        self.assertTrue(pd.isna(frame["i"][1]))
        self.assertTrue(pd.isna(frame["f"][2]) and np.isnan(frame["f"].to_numpy(dtype=float, na_value=0.0)[1]),
                        "null and NaN stay apart")
        self.assertIsNone(frame["s"][1])
        self.assertTrue(pd.isna(frame["t"][1]))

    def test_a_frame_goes_to_arrow_and_back(self):
        frame = pd.DataFrame({
            "x": np.arange(5.0),
            "n": pd.array([1, None, 3, 4, 5], dtype="Int64"),
            "s": ["a", "b", None, "d", "é"],
            "c": pd.Categorical(["u", "v", "u", "w", "v"]),
            "z": pd.date_range("2024-01-01", periods=5, tz="Europe/Paris"),
        })
        batch = Batch.from_columns(frame)
        self.assertEqual(["g", "l", "u", "u", "tsn:Europe/Paris"], [f.format for f in batch.fields])
        self.assertTrue(np.shares_memory(batch["x"], frame["x"].to_numpy()))
        back = consume_capsules(batch).to_pandas()
        pd.testing.assert_series_equal(frame["x"], back["x"])
        pd.testing.assert_series_equal(frame["n"], back["n"])
        self.assertEqual(["a", "b", None, "d", "é"], back["s"].tolist())
        self.assertEqual(["u", "v", "u", "w", "v"], back["c"].tolist())
        pd.testing.assert_series_equal(frame["z"], back["z"])

    def test_java_takes_a_frame(self):
        frame = pd.DataFrame({"a": np.arange(3, dtype=np.int16)})
        export = pybridge_arrow.export_for_java(frame)
        self.assertIsInstance(export, JavaExport)
        self.assertEqual([0, 1, 2], Batch._import_from_c(export.array_address, export.schema_address)["a"].tolist())
        del export
        gc.collect()


if __name__ == "__main__":
    unittest.main()
