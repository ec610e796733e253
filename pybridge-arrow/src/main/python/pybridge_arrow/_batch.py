"""Record batches in the numpy form: ``Batch`` (columns in place) and ``BatchStream`` (a C stream read lazily)."""

import ctypes

import numpy as np

from . import _cdata, _export
from ._columns import Column, normalized
from ._schema import read_field
from ._types import Field, describe

__all__ = ["ImportedArray", "Batch", "BatchStream", "as_batch"]


class ImportedArray:
    """An ArrowArray moved into Python's memory. The producer's release callback runs when this object
    dies, that is when the last Column and numpy view reading its buffers is gone."""

    __slots__ = ("struct", "__weakref__")

    def __init__(self, struct):
        self.struct = struct

    @classmethod
    def move(cls, address):
        return cls(_cdata.move_array(address))

    @property
    def address(self):
        return ctypes.addressof(self.struct)

    def __del__(self):
        _export.release_array_now(self.struct)


def _field_of_schema(schema_address):
    """Moves the ArrowSchema at ``schema_address``, reads it and releases it."""
    schema = _cdata.move_schema(schema_address)
    try:
        return read_field(ctypes.addressof(schema))
    finally:
        _export.release_schema_now(schema)


def _columns_of_struct(field, owner):
    """The columns of a record batch: the children of the struct array ``owner`` holds."""
    if field.format != "+s":
        raise TypeError(f"a record batch is a struct array ('+s'), got {describe(field.format)}")
    top = Column.from_c(field, owner.address, owner)
    if top.known_null_count():
        raise ValueError("a record batch cannot have null rows; its struct array has "
                         f"{top.null_count} nulls")
    columns = top.children
    if top.offset:
        columns = [c.slice(top.offset, top.length) for c in columns]
    return columns, top.length


class Batch:
    """A record batch whose columns are Arrow memory read in place.

    ``batch["x"]`` (or ``batch.column("x")``, or by position) gives a column as numpy: fixed-width numbers
    and times without a copy and read-only; bools (bit-packed in Arrow), date32 and strings as copies
    (strings as an object array of ``str``, binary as ``bytes``); fixed-size lists of numbers as 2-D
    arrays, in place. A column with nulls comes as a ``numpy.ma.MaskedArray`` whose mask is True at the
    nulls (its data stays in place; null slots of object columns hold None). ``raw_buffers`` gives the
    Arrow buffers themselves (validity bitmap, string offsets and bytes) without a copy, and
    ``arrow_column`` the Column to pass on unchanged. Every array read keeps the memory alive.

    A Batch is itself an Arrow producer: it implements the Arrow PyCapsule protocol
    (``__arrow_c_schema__``, ``__arrow_c_array__``), so ``pyarrow.record_batch(batch)``, polars and other
    consumers take it without a copy, and it can be returned to Java.
    """

    __slots__ = ("_columns", "_index", "_num_rows", "_cache", "__weakref__")

    def __init__(self, columns, num_rows=None):
        columns = list(columns)
        if num_rows is None:
            num_rows = len(columns[0]) if columns else 0
        for column in columns:
            if len(column) != num_rows:
                raise ValueError(f"column {column.name!r} has {len(column)} rows, the batch {num_rows}")
        self._columns = columns
        self._index = {}
        for position, column in enumerate(columns):
            self._index.setdefault(column.name, position)
        self._num_rows = int(num_rows)
        self._cache = {}

    # --- building ---------------------------------------------------------------------------------------

    @classmethod
    def from_columns(cls, data):
        """A Batch from a mapping of name to values (numpy arrays, masked arrays, lists, Columns), a
        sequence of (name, values) pairs, or a pandas DataFrame. Numbers are used in place where numpy
        holds them in Arrow's layout (see ``Column.from_values``)."""
        return as_batch(data)

    @classmethod
    def _import_from_c(cls, array_address, schema_address):
        """Takes ownership of an exported ArrowArray (a struct array) and ArrowSchema, moving both. Like
        pyarrow's method of the same name it trusts the addresses: anything but live C data structs
        crashes the process."""
        owner = ImportedArray.move(array_address)
        field = _field_of_schema(schema_address)
        columns, rows = _columns_of_struct(field, owner)
        return cls(columns, rows)

    # --- reading ----------------------------------------------------------------------------------------

    @property
    def num_rows(self):
        return self._num_rows

    def __len__(self):
        return self._num_rows

    @property
    def names(self):
        return [c.name for c in self._columns]

    @property
    def fields(self):
        return [c.field for c in self._columns]

    def _position(self, key):
        if isinstance(key, (int, np.integer)):
            if not -len(self._columns) <= key < len(self._columns):
                raise IndexError(f"column {key} is outside a batch of {len(self._columns)} columns")
            return int(key) % len(self._columns)
        if key not in self._index:
            raise KeyError(f"no column {key!r}; the batch has {self.names}")
        return self._index[key]

    def arrow_column(self, key):
        """The Column (Arrow memory, not converted): pass it to ``Batch.from_columns`` to reuse it as is."""
        return self._columns[self._position(key)]

    def column(self, key):
        """The column as numpy (see the class documentation). Converted columns are cached."""
        position = self._position(key)
        if position not in self._cache:
            self._cache[position] = self._columns[position].to_numpy()
        return self._cache[position]

    __getitem__ = column

    def __contains__(self, name):
        return name in self._index

    def __iter__(self):
        return iter(self.names)

    def columns(self):
        """Every column as numpy, by name."""
        return {c.name: self.column(i) for i, c in enumerate(self._columns)}

    def raw_buffers(self, key):
        """``(validity, offsets, data)`` of a column as read-only numpy arrays over Arrow's memory."""
        return self._columns[self._position(key)].raw_buffers()

    def null_mask(self, key):
        """True where the column is null; None when it has no nulls."""
        return self._columns[self._position(key)].null_mask()

    def select(self, keys):
        """A Batch of some columns, in the order given, without a copy."""
        return Batch([self._columns[self._position(k)] for k in keys], self._num_rows)

    def slice(self, start, count):
        """Rows ``start`` to ``start + count``, without a copy."""
        return Batch([c.slice(start, count) for c in self._columns], count)

    def to_pandas(self):
        """A pandas DataFrame; numeric columns without nulls stay in place (see the package documentation)."""
        from ._pandas import batch_to_pandas
        return batch_to_pandas(self)

    def __repr__(self):
        shown = ", ".join(f"{c.name}: {describe(c.format)}" for c in self._columns[:8])
        more = ", ..." if len(self._columns) > 8 else ""
        return f"<pybridge_arrow.Batch {self._num_rows} rows [{shown}{more}]>"

    # --- producing ---------------------------------------------------------------------------------------

    def struct_field(self):
        return Field("", "+s", False, [c.field for c in self._columns])

    def struct_column(self, for_java=False):
        columns = [normalized(c) for c in self._columns] if for_java else self._columns
        return Column(self.struct_field(), self._num_rows, 0, 0, [0], columns, owner=None)

    def __arrow_c_schema__(self):
        schema = _cdata.ArrowSchema()
        _export.export_schema(self.struct_field(), schema)
        return _cdata.new_capsule("arrow_schema", schema)

    def __arrow_c_array__(self, requested_schema=None):
        # The protocol lets a producer that cannot cast ignore requested_schema; this one never casts.
        schema = _cdata.ArrowSchema()
        array = _cdata.ArrowArray()
        _export.export_schema(self.struct_field(), schema)
        try:
            _export.export_array(self.struct_column(), array)
        except BaseException:
            _export.release_schema_now(schema)
            raise
        return _cdata.new_capsule("arrow_schema", schema), _cdata.new_capsule("arrow_array", array)


class BatchStream:
    """An ArrowArrayStream read one Batch at a time (iterate it), in the numpy form.

    Reading the next batch calls the producer (for a Java ArrowReader: its ``loadNextBatch``) with the
    GIL released. ``close()`` (or the end of a ``with`` block, or garbage collection) releases the stream,
    which for a Java reader closes it; batches already read stay valid.
    """

    def __init__(self, stream_struct):
        self._stream = stream_struct
        self._field = None

    @classmethod
    def _import_from_c(cls, stream_address):
        return cls(_cdata.move_stream(stream_address))

    def _check_open(self):
        if not self._stream.release:
            raise ValueError("the stream is closed")

    def _error(self, code, what):
        message = None
        if self._stream.get_last_error:
            text = _cdata.STREAM_GET_LAST_ERROR(self._stream.get_last_error)(ctypes.addressof(self._stream))
            message = _cdata.text_at(text)
        return OSError(code, f"the Arrow stream failed to {what}: {message or 'no message'}")

    @property
    def schema(self):
        """The Field of the stream's struct type; its children are the columns."""
        if self._field is None:
            self._check_open()
            schema = _cdata.ArrowSchema()
            code = _cdata.STREAM_GET_SCHEMA(self._stream.get_schema)(ctypes.addressof(self._stream),
                                                                      ctypes.addressof(schema))
            if code:
                raise self._error(code, "give its schema")
            try:
                self._field = read_field(ctypes.addressof(schema))
            finally:
                _export.release_schema_now(schema)
        return self._field

    @property
    def names(self):
        return [f.name for f in self.schema.children]

    def next_struct(self):
        """The next ArrowArray, moved into an ImportedArray, or None at the end."""
        self._check_open()
        array = _cdata.ArrowArray()
        code = _cdata.STREAM_GET_NEXT(self._stream.get_next)(ctypes.addressof(self._stream), ctypes.addressof(array))
        if code:
            raise self._error(code, "give its next batch")
        if not array.release:
            return None
        return ImportedArray(array)

    def __iter__(self):
        return self

    def __next__(self):
        field = self.schema
        owner = self.next_struct()
        if owner is None:
            raise StopIteration
        columns, rows = _columns_of_struct(field, owner)
        return Batch(columns, rows)

    def read_all(self):
        """Every remaining batch, as a list."""
        return list(self)

    def to_pandas(self):
        """Every remaining batch as one pandas DataFrame (rows concatenated, a copy)."""
        import pandas as pd
        frames = [b.to_pandas() for b in self]
        if not frames:
            return pd.DataFrame({name: [] for name in self.names})
        return pd.concat(frames, ignore_index=True)

    def close(self):
        _cdata.release_stream(self._stream)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def __arrow_c_stream__(self, requested_schema=None):
        """Hands the stream itself on to another consumer (once): this object is closed afterwards."""
        self._check_open()
        moved = _cdata.move_stream(ctypes.addressof(self._stream))
        return _cdata.new_capsule("arrow_array_stream", moved)


def _import_capsules(obj):
    schema_capsule, array_capsule = obj.__arrow_c_array__()
    owner = ImportedArray.move(_cdata.capsule_pointer(array_capsule, "arrow_array"))
    field = _field_of_schema(_cdata.capsule_pointer(schema_capsule, "arrow_schema"))
    return field, owner


def as_batch(data):
    """``data`` as a Batch: a Batch, anything with ``__arrow_c_array__`` (pyarrow RecordBatch, polars...),
    a pandas DataFrame, a mapping of name to values, or a sequence of (name, values) pairs."""
    if isinstance(data, Batch):
        return data
    if hasattr(data, "__arrow_c_array__"):
        field, owner = _import_capsules(data)
        columns, rows = _columns_of_struct(field, owner)
        return Batch(columns, rows)
    if type(data).__name__ == "DataFrame" and hasattr(data, "columns") and hasattr(data, "dtypes"):
        from ._pandas import batch_from_pandas
        return batch_from_pandas(data)
    if hasattr(data, "items"):
        pairs = list(data.items())
    elif isinstance(data, (list, tuple)) and all(isinstance(p, tuple) and len(p) == 2 for p in data):
        pairs = list(data)
    else:
        raise TypeError("expected a record batch: a pybridge_arrow.Batch, an object with __arrow_c_array__ "
                        "(pyarrow.RecordBatch), a pandas DataFrame, a dict of columns or (name, values) pairs; "
                        f"got {type(data).__name__}")
    columns = []
    for name, values in pairs:
        if not isinstance(name, str):
            raise TypeError(f"column names are str; got {type(name).__name__} {name!r}")
        columns.append(Column.from_values(name, values))
    return Batch(columns)
