import gc
import unittest
import weakref

import numpy as np

import pybridge_arrow
from pybridge_arrow import Batch, Column, JavaExport, UnsupportedType, _cdata

from .fakes import consume_capsules


def _data_address(array):
    return array.__array_interface__["data"][0]


def _round_trip(batch):
    """Through the C data interface and back, as a foreign consumer would take it."""
    return consume_capsules(batch)


class ColumnsTest(unittest.TestCase):
    def setUp(self):
        gc.collect()
        self.exports_before = pybridge_arrow.live_exports()

    def tearDown(self):
        gc.collect()
        self.assertEqual(self.exports_before, pybridge_arrow.live_exports(), "an exported struct was never released")

    def test_numbers_cross_without_a_copy(self):
        floats = np.linspace(0.0, 1.0, 1000)
        ints = np.arange(1000, dtype=np.int64) * 3
        small = np.arange(1000, dtype=np.uint16)
        batch = _round_trip(Batch.from_columns({"f": floats, "i": ints, "u": small}))
        self.assertEqual(["f", "i", "u"], batch.names)
        for name, source in (("f", floats), ("i", ints), ("u", small)):
            column = batch[name]
            self.assertEqual(source.dtype, column.dtype)
            np.testing.assert_array_equal(source, column)
            self.assertEqual(_data_address(source), _data_address(column), f"{name} was copied")
            self.assertFalse(column.flags.writeable)

    def test_bools_strings_and_binary_keep_their_values(self):
        flags = np.array([True, False, True, True, False, False, True, False, True])
        words = np.array(["a", "", "héllo", "日本", "x" * 300, "b", "c", "d", "e"], dtype=object)
        blobs = np.array([b"\x00\x01", b"", b"zz", b"a", b"b", b"c", b"d", b"e", b"f"], dtype=object)
        batch = _round_trip(Batch.from_columns({"flag": flags, "word": words, "blob": blobs}))
        np.testing.assert_array_equal(flags, batch["flag"])
        self.assertEqual(words.tolist(), batch["word"].tolist())
        self.assertEqual(blobs.tolist(), batch["blob"].tolist())
        self.assertEqual(np.dtype(object), batch["word"].dtype)

    def test_nulls_become_masks(self):
        values = np.ma.MaskedArray(np.arange(10, dtype=np.int32), mask=[i % 3 == 0 for i in range(10)])
        words = np.array(["a", None, "c", float("nan"), "e"], dtype=object)
        batch = _round_trip(Batch.from_columns([("v", values), ("w", np.ma.MaskedArray(np.arange(10.0)))]))
        column = batch["v"]
        self.assertIsInstance(column, np.ma.MaskedArray)
        np.testing.assert_array_equal(np.ma.getmaskarray(values), np.ma.getmaskarray(column))
        np.testing.assert_array_equal(values.compressed(), column.compressed())
        self.assertNotIsInstance(batch["w"], np.ma.MaskedArray, "a column without nulls is a plain array")
        strings = _round_trip(Batch.from_columns({"w": words}))["w"]
        self.assertEqual([False, True, False, True, False], np.ma.getmaskarray(strings).tolist())
        self.assertEqual(["a", None, "c", None, "e"], strings.data.tolist())

    def test_two_dimensional_numbers_are_fixed_size_lists_in_place(self):
        pixels = np.arange(64 * 5, dtype=np.float64).reshape(5, 64)
        batch = _round_trip(Batch.from_columns({"pixels": pixels}))
        self.assertEqual("+w:64", batch.arrow_column("pixels").format)
        np.testing.assert_array_equal(pixels, batch["pixels"])
        self.assertEqual(_data_address(pixels), _data_address(batch["pixels"]))

    def test_times_cross_in_place_and_dates_as_date32(self):
        stamps = np.array(["2024-01-01T00:00:01", "NaT", "1970-01-01"], dtype="datetime64[us]")
        days = np.array(["2024-02-29", "1900-01-01"], dtype="datetime64[D]")
        batch = _round_trip(Batch.from_columns({"t": stamps}))
        self.assertEqual("tsu:", batch.arrow_column("t").format)
        self.assertEqual([False, True, False], np.ma.getmaskarray(batch["t"]).tolist())
        self.assertEqual(stamps[0], batch["t"][0])
        dates = _round_trip(Batch.from_columns({"d": days}))
        self.assertEqual("tdD", dates.arrow_column("d").format)
        np.testing.assert_array_equal(days, dates["d"])

    def test_slices_read_and_travel_with_offsets(self):
        n = 37
        source = Batch.from_columns({
            "i": np.arange(n, dtype=np.int64),
            "b": np.arange(n) % 3 == 0,
            "m": np.ma.MaskedArray(np.arange(n, dtype=np.float32), mask=np.arange(n) % 4 == 1),
            "s": np.array([f"row{i}" for i in range(n)], dtype=object),
            "l": np.arange(n * 2, dtype=np.int16).reshape(n, 2),
        })
        for start, count in ((0, n), (5, 20), (8, 16), (13, 1), (36, 1), (10, 0)):
            with self.subTest(start=start, count=count):
                expected = {k: source[k][start:start + count] for k in source.names}
                for batch in (source.slice(start, count), _round_trip(source.slice(start, count)),
                              _as_java_would_read(source.slice(start, count))):
                    for name in source.names:
                        got = batch[name]
                        np.testing.assert_array_equal(np.ma.getdata(expected[name]), np.ma.getdata(got))
                        np.testing.assert_array_equal(np.ma.getmaskarray(expected[name]), np.ma.getmaskarray(got))

    def test_for_java_every_offset_is_zero(self):
        source = Batch.from_columns({"b": np.arange(20) % 2 == 0, "s": np.array(list("abcdefghijklmnopqrst"), dtype=object),
                                     "l": np.arange(40.0).reshape(20, 2)}).slice(3, 9)
        export = JavaExport.of_batch(source)

        def offsets(address):
            array = _cdata.ArrowArray.from_address(address)
            found = [array.offset]
            for child in _cdata.pointers(array.children, array.n_children):
                found += offsets(child)
            return found

        self.assertEqual({0}, set(offsets(export.array_address)))
        del export

    def test_views_outlive_the_batch_and_keep_the_memory(self):
        source = np.arange(100, dtype=np.int64)
        batch = _round_trip(Batch.from_columns({"x": source}))
        view = batch["x"][10:20]
        imported = weakref.ref(batch.arrow_column("x").owner)
        del batch
        gc.collect()
        self.assertIsNotNone(imported(), "the import was released while a view still reads it")
        np.testing.assert_array_equal(np.arange(10, 20), view)
        del view
        gc.collect()
        self.assertIsNone(imported(), "the import outlived every view of it")

    def test_the_producer_keeps_its_arrays_until_the_consumer_releases(self):
        source = np.arange(1000, dtype=np.float64)
        alive = weakref.ref(source)
        batch = _round_trip(Batch.from_columns({"x": source}))
        del source
        gc.collect()
        self.assertIsNotNone(alive(), "the numpy array was freed while the consumer reads it")
        self.assertEqual(999.0, batch["x"][-1])
        del batch
        gc.collect()
        self.assertIsNone(alive(), "the numpy array outlived the consumer's release")

    def test_capsules_nobody_consumes_release_their_structs(self):
        batch = Batch.from_columns({"x": np.arange(3)})
        before = pybridge_arrow.live_exports()
        capsules = batch.__arrow_c_array__()
        self.assertEqual(before + 4, pybridge_arrow.live_exports(), "schema and array, each with its one child")
        self.assertIsNotNone(batch.__arrow_c_schema__())
        del capsules
        gc.collect()
        self.assertEqual(before, pybridge_arrow.live_exports())

    def test_a_capsule_of_the_wrong_kind_is_refused(self):
        schema_capsule, array_capsule = Batch.from_columns({"x": np.arange(3)}).__arrow_c_array__()
        with self.assertRaisesRegex(TypeError, "arrow_array"):
            _cdata.capsule_pointer(schema_capsule, "arrow_array")
        with self.assertRaisesRegex(TypeError, "arrow_schema"):
            _cdata.capsule_pointer(object(), "arrow_schema")

    def test_a_struct_is_moved_once(self):
        schema_capsule, array_capsule = Batch.from_columns({"x": np.arange(3)}).__arrow_c_array__()
        address = _cdata.capsule_pointer(array_capsule, "arrow_array")
        Batch._import_from_c(address, _cdata.capsule_pointer(schema_capsule, "arrow_schema"))
        with self.assertRaisesRegex(ValueError, "released already"):
            _cdata.move_array(address)

    def test_bad_columns_are_named(self):
        with self.assertRaisesRegex(ValueError, "'b' has 2 rows, the batch 3"):
            Batch.from_columns({"a": np.arange(3), "b": np.arange(2)})
        with self.assertRaisesRegex(UnsupportedType, "'o'.*row 1 holds dict"):
            Batch.from_columns({"o": np.array(["x", {}], dtype=object)})
        with self.assertRaisesRegex(UnsupportedType, "'c'.*complex128"):
            Batch.from_columns({"c": np.zeros(2, dtype=complex)})
        with self.assertRaisesRegex(TypeError, "column names are str"):
            Batch.from_columns({1: np.arange(2)})
        with self.assertRaisesRegex(ValueError, "'cube'.*shape"):
            Batch.from_columns({"cube": np.zeros((2, 2, 2))})
        with self.assertRaisesRegex(KeyError, "no column 'z'"):
            Batch.from_columns({"a": np.arange(2)})["z"]

    def test_raw_buffers_are_arrows_own(self):
        words = np.array(["ab", None, "cde"], dtype=object)
        batch = _round_trip(Batch.from_columns({"w": words}))
        validity, offsets, data = batch.raw_buffers("w")
        self.assertEqual([0, 2, 2, 5], offsets.tolist())
        self.assertEqual(b"abcde", data.tobytes())
        self.assertEqual(0b101, validity[0] & 0b111)

    def test_column_from_values_accepts_a_column(self):
        batch = Batch.from_columns({"a": np.arange(4)})
        renamed = Batch.from_columns({"b": batch.arrow_column("a")})
        self.assertEqual(["b"], renamed.names)
        self.assertIs(batch.arrow_column("a").owner, renamed.arrow_column("b").owner)
        self.assertIsInstance(Column.from_values("x", [1.5, 2.5]), Column)


def _as_java_would_read(batch):
    """Takes a JavaExport's structs as Arrow Java's importer would (moving them out of the export)."""
    export = JavaExport.of_batch(batch)
    return Batch._import_from_c(export.array_address, export.schema_address)


if __name__ == "__main__":
    unittest.main()
