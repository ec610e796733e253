import ctypes
import gc
import sys
import unittest

import numpy as np

import pybridge_arrow
from pybridge_arrow import Batch, BatchStream, StreamForJava, _cdata

from .fakes import FakeStream, fake_pyarrow


def _batches(count, rows=4):
    return [Batch.from_columns({"n": np.arange(rows, dtype=np.int64) + 100 * k,
                                "s": np.array([f"{k}-{i}" for i in range(rows)], dtype=object)})
            for k in range(count)]


class StreamsTest(unittest.TestCase):
    def setUp(self):
        gc.collect()
        self.exports_before = pybridge_arrow.live_exports()

    def tearDown(self):
        gc.collect()
        self.assertEqual(self.exports_before, pybridge_arrow.live_exports(), "an exported struct was never released")

    def test_a_c_stream_reads_batch_by_batch(self):
        producer = FakeStream(_batches(3))
        stream = BatchStream._import_from_c(producer.address)
        self.assertFalse(producer.struct.release, "the stream was moved")
        self.assertEqual(["n", "s"], stream.names)
        got = [(b["n"].tolist(), b["s"].tolist()) for b in stream]
        self.assertEqual([([100 * k + i for i in range(4)], [f"{k}-{i}" for i in range(4)]) for k in range(3)], got)
        self.assertFalse(producer.released)
        stream.close()
        self.assertTrue(producer.released)

    def test_a_failing_producer_raises_with_its_message(self):
        producer = FakeStream(_batches(2), fail_at=1)
        with BatchStream._import_from_c(producer.address) as stream:
            next(stream)
            with self.assertRaisesRegex(OSError, "disk on fire"):
                next(stream)
        self.assertTrue(producer.released)

    def test_a_dropped_stream_is_released(self):
        producer = FakeStream(_batches(1))
        stream = BatchStream._import_from_c(producer.address)
        del stream
        gc.collect()
        self.assertTrue(producer.released)

    def test_a_stream_hands_itself_on_once(self):
        producer = FakeStream(_batches(2))
        stream = BatchStream._import_from_c(producer.address)
        capsule = stream.__arrow_c_stream__()
        with self.assertRaisesRegex(ValueError, "closed"):
            next(stream)
        taken = BatchStream._import_from_c(_cdata.capsule_pointer(capsule, "arrow_array_stream"))
        self.assertEqual(2, len(taken.read_all()))
        taken.close()
        self.assertTrue(producer.released)

    def test_java_reads_an_iterator_of_batches(self):
        source = StreamForJava(iter([{"x": np.arange(3.0)}, {"x": np.arange(2.0)}]))
        schema = _cdata.ArrowSchema()
        source.schema_into(ctypes.addressof(schema))
        self.assertEqual("+s", _cdata.text_at(schema.format))
        pybridge_arrow._export.release_schema_now(schema)
        rows = []
        while (export := source.next_for_java()) is not None:
            rows.append(Batch._import_from_c(export.array_address, export.schema_address)["x"].tolist())
        self.assertEqual([[0.0, 1.0, 2.0], [0.0, 1.0]], rows)

    def test_java_reads_a_c_stream(self):
        producer = FakeStream(_batches(2))
        source = StreamForJava(BatchStream._import_from_c(producer.address))
        exports = list(source.batches())
        self.assertEqual([[0, 1, 2, 3], [100, 101, 102, 103]],
                         [Batch._import_from_c(e.array_address, e.schema_address)["n"].tolist() for e in exports])
        source.close()
        self.assertTrue(producer.released)

    def test_batches_that_change_their_columns_are_refused(self):
        source = StreamForJava([{"x": np.arange(3.0)}, {"y": np.arange(3.0)}])
        source.next_for_java()
        with self.assertRaisesRegex(TypeError, "does not match"):
            source.next_for_java()


class PyarrowContractTest(unittest.TestCase):
    """The pyarrow path, against a stand-in with pyarrow's documented _import_from_c entry points
    (pyarrow itself cannot be installed where these tests were written)."""

    def setUp(self):
        self.saved = sys.modules.get("pyarrow")
        sys.modules["pyarrow"] = self.fake = fake_pyarrow()

    def tearDown(self):
        if self.saved is None:
            del sys.modules["pyarrow"]
        else:
            sys.modules["pyarrow"] = self.saved

    def test_auto_and_pyarrow_forms_use_import_from_c(self):
        for form in ("auto", "pyarrow"):
            schema_capsule, array_capsule = Batch.from_columns({"x": np.arange(3)}).__arrow_c_array__()
            array = _cdata.capsule_pointer(array_capsule, "arrow_array")
            schema = _cdata.capsule_pointer(schema_capsule, "arrow_schema")
            got = pybridge_arrow.import_batch(array, schema, form)
            self.assertEqual(("RecordBatch._import_from_c", array, schema), self.fake.calls[-1])
            self.assertEqual([0, 1, 2], got["x"].tolist())

    def test_numpy_form_ignores_pyarrow(self):
        schema_capsule, array_capsule = Batch.from_columns({"x": np.arange(3)}).__arrow_c_array__()
        got = pybridge_arrow.import_batch(_cdata.capsule_pointer(array_capsule, "arrow_array"),
                                          _cdata.capsule_pointer(schema_capsule, "arrow_schema"), "numpy")
        self.assertIsInstance(got, Batch)
        self.assertEqual([], self.fake.calls)

    def test_streams_use_the_reader_entry_point(self):
        producer = FakeStream(_batches(2))
        reader = pybridge_arrow.import_stream(producer.address, "auto")
        self.assertEqual(("RecordBatchReader._import_from_c", producer.address), self.fake.calls[-1])
        self.assertEqual(2, len(reader.read_all()))
        reader.close()


class WithoutPyarrowTest(unittest.TestCase):
    def setUp(self):
        self.saved = sys.modules.get("pyarrow")
        sys.modules["pyarrow"] = None   # import pyarrow now raises ImportError

    def tearDown(self):
        if self.saved is None:
            del sys.modules["pyarrow"]
        else:
            sys.modules["pyarrow"] = self.saved

    def test_the_pyarrow_form_says_what_is_missing(self):
        with self.assertRaisesRegex(ImportError, "needs pyarrow"):
            pybridge_arrow.import_batch(1, 1, "pyarrow")

    def test_auto_falls_back_to_numpy(self):
        schema_capsule, array_capsule = Batch.from_columns({"x": np.arange(3)}).__arrow_c_array__()
        got = pybridge_arrow.import_batch(_cdata.capsule_pointer(array_capsule, "arrow_array"),
                                          _cdata.capsule_pointer(schema_capsule, "arrow_schema"), "auto")
        self.assertIsInstance(got, Batch)

    def test_unknown_forms_are_refused(self):
        with self.assertRaisesRegex(ValueError, "form must be one of"):
            pybridge_arrow.import_batch(1, 1, "arrow")


if __name__ == "__main__":
    unittest.main()
