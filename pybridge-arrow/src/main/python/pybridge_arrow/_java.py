"""The entry points io.pybridge.arrow.ArrowBridge calls.

These take raw addresses and trust them, as pyarrow's ``_import_from_c`` does: they are Java's entry
points, not for Python code.

Java to Python: Java exports a VectorSchemaRoot (or an ArrowReader) with Arrow Java's C data API and
passes the struct addresses here; they are moved into Python (``pyarrow`` or ``Batch``/``BatchStream``),
whose release callback, run when Python drops the data, lets Java free it.

Python to Java: ``export_for_java`` returns a ``JavaExport`` holding a moved ArrowArray and ArrowSchema
(from ``__arrow_c_array__``, pyarrow's ``_export_to_c``, or this package's own producer). Java imports
them and, when its VectorSchemaRoot is closed, drops its reference to the JavaExport; the producer's
release callbacks then run here, at the bridge's next GIL acquisition, on a thread that holds the GIL.
"""

import ctypes
import sys

from . import _cdata, _export
from ._batch import Batch, BatchStream, ImportedArray, _columns_of_struct, as_batch
from ._schema import read_field

__all__ = ["import_batch", "import_stream", "export_for_java", "stream_for_java", "JavaExport", "StreamForJava",
           "pyarrow_or_none"]

FORMS = ("auto", "pyarrow", "numpy", "pandas")
_pyarrow_missing = False


def pyarrow_or_none():
    """The pyarrow module when it imports, else None. A failed import is not retried (each attempt searches
    every sys.path entry, which would cost more than handing a batch over), unless pyarrow is put into
    sys.modules later."""
    global _pyarrow_missing
    if "pyarrow" in sys.modules:
        return sys.modules["pyarrow"]
    if _pyarrow_missing:
        return None
    try:
        import pyarrow
    except ImportError:
        _pyarrow_missing = True
        return None
    return pyarrow


def _require_pyarrow():
    pyarrow = pyarrow_or_none()
    if pyarrow is None:
        raise ImportError("PythonForm.PYARROW needs pyarrow, which this interpreter cannot import; "
                          "use PythonForm.NUMPY or install pyarrow", name="pyarrow")
    return pyarrow


def _check_form(form):
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, got {form!r}")


def import_batch(array_address, schema_address, form="auto"):
    """A Java-exported record batch as ``form``: pyarrow.RecordBatch ('pyarrow', or 'auto' when pyarrow
    imports), Batch ('numpy', or 'auto' without pyarrow) or pandas.DataFrame ('pandas')."""
    _check_form(form)
    pyarrow = _require_pyarrow() if form == "pyarrow" else pyarrow_or_none() if form == "auto" else None
    if pyarrow is not None:
        # Documented since pyarrow 0.17: moves both structs; pyarrow releases them with its buffers.
        return pyarrow.RecordBatch._import_from_c(array_address, schema_address)
    batch = Batch._import_from_c(array_address, schema_address)
    return batch.to_pandas() if form == "pandas" else batch


def import_stream(stream_address, form="auto"):
    """A Java-exported ArrowArrayStream as a pyarrow.RecordBatchReader or a BatchStream."""
    _check_form(form)
    if form == "pandas":
        raise ValueError("a stream has no pandas form; read it as 'numpy' and call to_pandas() on the stream")
    pyarrow = _require_pyarrow() if form == "pyarrow" else pyarrow_or_none() if form == "auto" else None
    if pyarrow is not None:
        return pyarrow.RecordBatchReader._import_from_c(stream_address)
    return BatchStream._import_from_c(stream_address)


def _has_offsets(address, depth=0):
    array = _cdata.ArrowArray.from_address(address)
    if array.offset or depth > 64:
        return True
    children = _cdata.pointers(array.children, array.n_children)
    return any(_has_offsets(c, depth + 1) for c in children) or (
        bool(array.dictionary) and _has_offsets(array.dictionary, depth + 1))


class JavaExport:
    """What Java holds while it reads a record batch made in Python: an ArrowArray and an ArrowSchema in
    this object's memory. Java imports (and releases) the schema at once; the array is released when
    this object dies, which is when Java has closed everything it imported from it."""

    __slots__ = ("array", "schema", "keep", "__weakref__")

    def __init__(self, array, schema, keep=None):
        self.array = array
        self.schema = schema
        self.keep = keep

    @property
    def array_address(self):
        return ctypes.addressof(self.array)

    @property
    def schema_address(self):
        return ctypes.addressof(self.schema)

    @classmethod
    def of_batch(cls, batch):
        array = _cdata.ArrowArray()
        schema = _cdata.ArrowSchema()
        # Arrow Java ignores ArrowArray.offset: sliced columns are handed over with offset 0 (addresses move).
        _export.export_array(batch.struct_column(for_java=True), array)
        try:
            _export.export_schema(batch.struct_field(), schema)
        except BaseException:
            _export.release_array_now(array)
            raise
        return cls(array, schema)

    @classmethod
    def of_struct(cls, owner, field, schema):
        """An ArrowArray moved from a foreign producer, handed on unless offsets need normalizing."""
        if field.format != "+s":
            _export.release_schema_now(schema)
            raise TypeError(f"Java reads record batches (struct arrays, '+s'); this producer gave "
                            f"{field.type_name}")
        if not _has_offsets(owner.address):
            return cls(owner.struct, schema, keep=owner)
        _export.release_schema_now(schema)
        columns, rows = _columns_of_struct(field, owner)
        return cls.of_batch(Batch(columns, rows))

    def __del__(self):
        if self.keep is None:
            _export.release_array_now(self.array)
        # An adopted struct belongs to its ImportedArray, which releases it when it dies.
        _export.release_schema_now(self.schema)


def export_for_java(data):
    """``data`` as a JavaExport. ``data`` is anything ``as_batch`` takes; objects with
    ``__arrow_c_array__`` (pyarrow RecordBatch, a Batch) or pyarrow's older ``_export_to_c`` are handed on
    as their producer made them, without a copy."""
    if isinstance(data, Batch):
        return JavaExport.of_batch(data)
    if hasattr(data, "__arrow_c_array__"):
        schema_capsule, array_capsule = data.__arrow_c_array__()
        owner = ImportedArray.move(_cdata.capsule_pointer(array_capsule, "arrow_array"))
        schema = _cdata.move_schema(_cdata.capsule_pointer(schema_capsule, "arrow_schema"))
        return _from_moved(owner, schema)
    if hasattr(data, "_export_to_c") and hasattr(data, "num_rows") and not hasattr(data, "__arrow_c_stream__"):
        array = _cdata.ArrowArray()
        schema = _cdata.ArrowSchema()
        data._export_to_c(ctypes.addressof(array), ctypes.addressof(schema))
        return _from_moved(ImportedArray(array), schema)
    if hasattr(data, "__arrow_c_stream__") and not hasattr(data, "items"):
        batches = list(StreamForJava(data).batches())
        if len(batches) != 1:
            raise ValueError(f"this {type(data).__name__} holds {len(batches)} record batches, not one: read it "
                             "in Java with ArrowBridge.toJavaReader (or combine its chunks first)")
        return batches[0]
    return JavaExport.of_batch(as_batch(data))


def _from_moved(owner, schema):
    try:
        field = read_field(ctypes.addressof(schema))
    except BaseException:
        _export.release_schema_now(schema)
        raise
    return JavaExport.of_struct(owner, field, schema)


class StreamForJava:
    """What Java's ArrowReader over Python data holds: a C stream moved from ``__arrow_c_stream__``, or an
    iterator of record batches (anything ``as_batch`` takes) read one at a time."""

    def __init__(self, source):
        self._stream = None
        self._iterator = None
        self._first = None
        self._field = None
        if isinstance(source, BatchStream):
            self._stream = BatchStream(_cdata.move_stream(ctypes.addressof(source._stream)))
        elif hasattr(source, "__arrow_c_stream__") and not isinstance(source, Batch):
            capsule = source.__arrow_c_stream__()
            self._stream = BatchStream._import_from_c(_cdata.capsule_pointer(capsule, "arrow_array_stream"))
        elif hasattr(source, "__iter__") and not hasattr(source, "items") and not hasattr(source, "__arrow_c_array__"):
            self._iterator = iter(source)
        else:
            self._iterator = iter([source])

    def field(self):
        """The struct Field every batch has."""
        if self._field is None:
            if self._stream is not None:
                self._field = self._stream.schema
            else:
                self._first = self._next_batch()
                if self._first is None:
                    raise ValueError("an empty iterator of batches has no schema: give at least one batch")
                self._field = self._first.struct_field()
        return self._field

    def schema_into(self, address):
        """Fills the (released) ArrowSchema at ``address`` with the stream's schema."""
        _export.export_schema(self.field(), _cdata.ArrowSchema.from_address(address))

    def _next_batch(self):
        try:
            return as_batch(next(self._iterator))
        except StopIteration:
            return None

    def next_for_java(self):
        """The next batch as a JavaExport, or None at the end."""
        field = self.field()
        if self._stream is not None:
            owner = self._stream.next_struct()
            if owner is None:
                return None
            schema = _cdata.ArrowSchema()
            _export.export_schema(field, schema)
            return JavaExport.of_struct(owner, field, schema)
        batch, self._first = (self._first, None) if self._first is not None else (self._next_batch(), None)
        if batch is None:
            return None
        if batch.struct_field() != field:
            raise TypeError(f"batch with columns {batch.fields} does not match the stream's first batch "
                            f"{field.children}")
        return JavaExport.of_batch(batch)

    def batches(self):
        while True:
            export = self.next_for_java()
            if export is None:
                return
            yield export

    def close(self):
        if self._stream is not None:
            self._stream.close()
        close = getattr(self._iterator, "close", None)
        if close is not None:
            close()


def stream_for_java(data):
    return StreamForJava(data)
