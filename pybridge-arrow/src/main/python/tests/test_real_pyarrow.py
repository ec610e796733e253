"""The pyarrow path against pyarrow itself, wherever it is installed (it is skipped elsewhere)."""

import gc
import unittest

import numpy as np

import pybridge_arrow
from pybridge_arrow import Batch, _cdata

try:
    import pyarrow
except ImportError:
    pyarrow = None


@unittest.skipIf(pyarrow is None or not hasattr(pyarrow, "__version__"),
                 "pyarrow is not installed in this interpreter")
class RealPyarrowTest(unittest.TestCase):
    def test_pyarrow_takes_a_batch_through_the_capsule_protocol(self):
        values = np.arange(10, dtype=np.int64)
        batch = Batch.from_columns({"v": values, "s": np.array([str(i) for i in range(10)], dtype=object)})
        table = pyarrow.record_batch(batch)
        self.assertEqual(values.tolist(), table.column("v").to_pylist())
        self.assertEqual(values.__array_interface__["data"][0], table.column("v").buffers()[1].address)

    def test_a_pyarrow_batch_becomes_a_batch_in_place(self):
        source = pyarrow.record_batch({"x": pyarrow.array([1.5, None, 3.5]), "t": pyarrow.array(["a", "b", None])})
        batch = pybridge_arrow.as_batch(source)
        self.assertEqual([False, True, False], np.ma.getmaskarray(batch["x"]).tolist())
        self.assertEqual(["a", "b", None], batch["t"].data.tolist())

    def test_import_from_c_takes_a_moved_export(self):
        export = pybridge_arrow.JavaExport.of_batch(Batch.from_columns({"x": np.arange(4.0)}))
        imported = pyarrow.RecordBatch._import_from_c(export.array_address, export.schema_address)
        self.assertFalse(export.array.release, "pyarrow moved the struct")
        self.assertEqual([0.0, 1.0, 2.0, 3.0], imported.column(0).to_pylist())
        del export, imported
        gc.collect()

    def test_a_sliced_pyarrow_batch_reaches_java_with_offset_zero(self):
        source = pyarrow.record_batch({"x": pyarrow.array(range(20))}).slice(5, 7)
        export = pybridge_arrow.export_for_java(source)
        array = _cdata.ArrowArray.from_address(export.array_address)
        child = _cdata.ArrowArray.from_address(_cdata.pointers(array.children, 1)[0])
        self.assertEqual((0, 0), (array.offset, child.offset))
        self.assertEqual(list(range(5, 12)), Batch._import_from_c(export.array_address, export.schema_address)["x"].tolist())


if __name__ == "__main__":
    unittest.main()
