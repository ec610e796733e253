"""Arrow arrays as Python sees them: buffers in place, read as numpy arrays without a copy.

A ``Column`` is one Arrow array: its Field, length, null count, offset, buffer addresses, children and
dictionary, plus an ``owner``, the Python object that keeps those buffers valid (an imported C struct
that is released when the owner dies, or the numpy arrays the buffers belong to). Every numpy array read
from a Column holds the owner through its ``base``, so Arrow memory outlives every view of it.
"""

import ctypes

import numpy as np

from . import _cdata
from ._types import Field, UnsupportedType, buffer_count, describe, format_of_dtype, numpy_dtype

__all__ = ["Column", "read_only_view"]

_OFFSET_DTYPES = {"u": np.dtype(np.int32), "z": np.dtype(np.int32), "U": np.dtype(np.int64),
                  "Z": np.dtype(np.int64), "+l": np.dtype(np.int32), "+L": np.dtype(np.int64)}
_INT32_MAX = 2 ** 31 - 1


class _Memory:
    """What numpy sees of Arrow memory: the array interface of a read-only region, holding its owner."""

    __slots__ = ("__array_interface__", "owner")

    def __init__(self, address, dtype, shape, owner):
        self.__array_interface__ = {"version": 3, "data": (address, True), "typestr": dtype.str,
                                    "shape": shape, "descr": dtype.descr}
        self.owner = owner


def read_only_view(address, dtype, shape, owner):
    """A read-only numpy array over ``address`` whose base keeps ``owner`` alive."""
    dtype = np.dtype(dtype)
    shape = tuple(int(s) for s in shape)
    if int(np.prod(shape, dtype=np.int64)) == 0 or not address:
        empty = np.empty(shape, dtype)
        empty.flags.writeable = False
        return empty
    return np.asarray(_Memory(address, dtype, shape, owner))


def _bits(address, bit_offset, length, owner):
    """``length`` bits starting at ``bit_offset`` of the LSB-first bitmap at ``address``, as bools (a copy)."""
    if length == 0:
        return np.zeros(0, dtype=bool)
    first_byte = bit_offset // 8
    shift = bit_offset % 8
    nbytes = (shift + length + 7) // 8
    raw = read_only_view(address + first_byte, np.uint8, (nbytes,), owner)
    return np.unpackbits(raw, bitorder="little", count=shift + length)[shift:].view(np.bool_)


def _fixed_width(fmt):
    """The width in bytes of a fixed-width format's values, or None."""
    dtype = numpy_dtype(fmt)
    if dtype is not None:
        return dtype.itemsize
    if fmt in ("tdD", "tts", "ttm"):
        return 4
    if fmt in ("ttu", "ttn"):
        return 8
    if fmt.startswith("w:"):
        return int(fmt[2:])
    if fmt.startswith("d:"):
        parts = fmt[2:].split(",")
        return int(parts[2]) // 8 if len(parts) > 2 else 16
    return None


class Column:
    """One Arrow array in memory; see the module's documentation."""

    __slots__ = ("field", "length", "null_count", "offset", "buffers", "children", "dictionary", "owner")

    def __init__(self, field, length, null_count, offset, buffers, children=(), dictionary=None, owner=None):
        self.field = field
        self.length = int(length)
        self.null_count = int(null_count)
        self.offset = int(offset)
        self.buffers = [int(b or 0) for b in buffers]
        self.children = list(children)
        self.dictionary = dictionary
        self.owner = owner

    @property
    def name(self):
        return self.field.name

    @property
    def format(self):
        return self.field.format

    def __len__(self):
        return self.length

    def __repr__(self):
        return f"Column({self.name!r}, {describe(self.format)}, length={self.length}, nulls={self.null_count})"

    def renamed(self, name):
        field = Field(name, self.field.format, self.field.nullable, self.field.children, self.field.dictionary,
                      self.field.metadata)
        return Column(field, self.length, self.null_count, self.offset, self.buffers, self.children,
                      self.dictionary, self.owner)

    def slice(self, start, count):
        """Rows ``start`` to ``start + count`` of this column, without a copy."""
        if start < 0 or count < 0 or start + count > self.length:
            raise IndexError(f"rows {start}..{start + count} are outside column {self.name!r} of {self.length} rows")
        null_count = 0 if self.null_count == 0 else -1
        return Column(self.field, count, null_count, self.offset + start, self.buffers, self.children,
                      self.dictionary, self.owner)

    # --- reading from C --------------------------------------------------------------------------------

    @staticmethod
    def from_c(field, array_address, owner, depth=0):
        """The Column of the ArrowArray at ``array_address`` (not moved: ``owner`` keeps it alive)."""
        if depth > 64:
            raise ValueError("ArrowArray nesting deeper than 64 levels")
        array = _cdata.ArrowArray.from_address(array_address)
        if not array.release:
            raise ValueError(f"column {field.name!r}: the ArrowArray is released")
        expected = buffer_count(field.format)
        if expected is not None and array.n_buffers != expected:
            raise ValueError(f"column {field.name!r} ({describe(field.format)}) has {array.n_buffers} buffers, "
                             f"the C data interface says {expected}")
        if array.n_children != len(field.children):
            raise ValueError(f"column {field.name!r} has {array.n_children} child arrays but its schema has "
                             f"{len(field.children)} children")
        buffers = _cdata.pointers(array.buffers, array.n_buffers)
        children = [Column.from_c(child_field, child, owner, depth + 1)
                    for child_field, child in zip(field.children, _cdata.pointers(array.children, array.n_children))]
        dictionary = None
        if field.dictionary is not None:
            if not array.dictionary:
                raise ValueError(f"column {field.name!r} is dictionary-encoded but its ArrowArray has no dictionary")
            dictionary = Column.from_c(field.dictionary, array.dictionary, owner, depth + 1)
        return Column(field, array.length, array.null_count, array.offset, buffers, children, dictionary, owner)

    # --- nulls -----------------------------------------------------------------------------------------

    def _validity_bits(self):
        if not self.buffers or not self.buffers[0] or self.null_count == 0 or self.format == "n":
            return None
        return _bits(self.buffers[0], self.offset, self.length, self.owner)

    def null_mask(self):
        """A bool array, True where the value is null; None when the column has no nulls."""
        if self.format == "n":
            return np.ones(self.length, dtype=bool)
        valid = self._validity_bits()
        if valid is None:
            return None
        mask = ~valid
        if self.null_count == -1:
            self.null_count = int(mask.sum())
        return mask if self.null_count else None

    def known_null_count(self):
        if self.null_count == -1:
            self.null_mask()
            if self.null_count == -1:
                self.null_count = 0
        return self.null_count

    # --- numpy ------------------------------------------------------------------------------------------

    def values(self):
        """The values as numpy, ignoring nulls (whatever lies in a null slot: 0, empty string, None).

        In place for fixed-width numbers and times (read-only); a copy for bools (Arrow packs them in
        bits), date32 and strings (decoded to a numpy object array of ``str``, binary to ``bytes``).
        """
        fmt = self.format
        if self.dictionary is not None:
            return self._decode_dictionary()
        dtype = numpy_dtype(fmt)
        if dtype is not None:
            return read_only_view(self.buffers[1] + self.offset * dtype.itemsize if self.buffers[1] else 0,
                                  dtype, (self.length,), self.owner)
        if fmt == "b":
            return _bits(self.buffers[1], self.offset, self.length, self.owner)
        if fmt == "tdD":
            days = read_only_view(self.buffers[1] + self.offset * 4 if self.buffers[1] else 0, np.int32,
                                  (self.length,), self.owner)
            return days.astype("datetime64[D]")
        if fmt in ("u", "U", "z", "Z"):
            return self._decode_variable()
        if fmt.startswith("+w:"):
            size = int(fmt[3:])
            child = self.children[0]
            if numpy_dtype(child.format) is None and child.format != "b":
                raise UnsupportedType(f"column {self.name!r}: a fixed-size list of {describe(child.format)} has no "
                                      f"numpy form here; lists of numbers read as 2-D arrays")
            values = child.slice(self.offset * size, self.length * size).to_numpy()
            return values.reshape(self.length, size)
        if fmt == "n":
            return np.full(self.length, None, dtype=object)
        raise UnsupportedType(f"column {self.name!r} has Arrow type {describe(fmt)}, which the numpy form does not "
                              "read; ask for pyarrow (PythonForm.PYARROW) or cast the column first")

    def _decode_dictionary(self):
        indices = Column(Field(self.name, self.format), self.length, 0, self.offset, self.buffers,
                         owner=self.owner).values()
        mask = self.null_mask()
        if mask is not None:
            indices = np.where(mask, 0, indices)
        dictionary = np.asarray(self.dictionary.to_numpy())
        if len(dictionary) == 0:
            if self.length and (mask is None or not mask.all()):
                raise ValueError(f"column {self.name!r}: indices into an empty dictionary")
            return np.empty(self.length, dtype=dictionary.dtype)
        return dictionary[indices]

    def to_numpy(self):
        """The column as numpy: ``values()``, as a ``numpy.ma.MaskedArray`` masking the nulls when it has any."""
        values = self.values()
        mask = self.null_mask()
        if mask is None:
            return values
        if values.ndim == 2:
            mask = np.repeat(mask[:, None], values.shape[1], axis=1)
        if values.dtype == object:
            values = values.copy() if not values.flags.writeable else values
            values[mask] = None
        return np.ma.MaskedArray(values, mask=mask)

    def _decode_variable(self):
        offsets_dtype = _OFFSET_DTYPES[self.format]
        n = self.length
        if n == 0:
            return np.empty(0, dtype=object)
        offsets = read_only_view(self.buffers[1] + self.offset * offsets_dtype.itemsize, offsets_dtype,
                                 (n + 1,), self.owner)
        start, end = int(offsets[0]), int(offsets[-1])
        raw = ctypes.string_at(self.buffers[2] + start, end - start) if end > start else b""
        starts = (offsets[:-1] - start).tolist()
        ends = (offsets[1:] - start).tolist()
        out = np.empty(n, dtype=object)
        if self.format in ("z", "Z"):
            out[:] = [raw[a:b] for a, b in zip(starts, ends)]
            return out
        if raw.isascii():
            text = raw.decode("ascii")   # one character per byte: byte offsets are character offsets
            out[:] = [text[a:b] for a, b in zip(starts, ends)]
        else:
            out[:] = [raw[a:b].decode("utf-8") for a, b in zip(starts, ends)]
        return out

    def raw_buffers(self):
        """The buffers themselves as read-only numpy arrays, without a copy: ``(validity, offsets, data)``.

        ``validity`` is the LSB-first bitmap as uint8 (None when absent), starting at the byte holding
        row 0's bit (``offset % 8`` bits in); ``offsets`` is int32/int64 for strings and binary (length + 1
        entries, pointing into ``data``), else None; ``data`` is the values (uint8 bytes for strings,
        the bitmap for bools).
        """
        fmt = self.format
        validity = None
        if self.buffers and self.buffers[0]:
            validity = read_only_view(self.buffers[0] + self.offset // 8, np.uint8,
                                      ((self.offset % 8 + self.length + 7) // 8,), self.owner)
        if fmt in _OFFSET_DTYPES and fmt in ("u", "U", "z", "Z"):
            odt = _OFFSET_DTYPES[fmt]
            offsets = read_only_view(self.buffers[1] + self.offset * odt.itemsize, odt, (self.length + 1,), self.owner)
            end = int(offsets[-1]) if self.length else 0
            data = read_only_view(self.buffers[2], np.uint8, (end,), self.owner)
            return validity, offsets, data
        if fmt == "b":
            return validity, None, read_only_view(self.buffers[1] + self.offset // 8, np.uint8,
                                                  ((self.offset % 8 + self.length + 7) // 8,), self.owner)
        dtype = numpy_dtype(fmt)
        if dtype is not None:
            return validity, None, self.values()
        raise UnsupportedType(f"column {self.name!r}: raw buffers of {describe(fmt)} are not offered")

    # --- making columns from numpy ----------------------------------------------------------------------

    @staticmethod
    def from_values(name, values):
        """A Column over ``values``: a numpy array (masked or not), a list, or a Column (renamed).

        In place (no copy) for C-contiguous numbers and datetime64/timedelta64 in s/ms/us/ns, and for
        2-D numbers (a fixed-size list per row). Bools are packed into bits, strings encoded to UTF-8,
        datetime64[D] narrowed to date32: those are copies. Masked values and None (NaN too, in object
        arrays) become nulls.
        """
        if isinstance(values, Column):
            return values.renamed(name)
        mask = None
        if isinstance(values, np.ma.MaskedArray):
            mask = np.ma.getmaskarray(values)
            values = values.data
        elif not isinstance(values, np.ndarray):
            values = np.asarray(values)
        if values.ndim == 2 and values.dtype.kind in "biuf":
            return _fixed_size_list(name, values, mask)
        if values.ndim != 1:
            raise ValueError(f"column {name!r}: expected one value per row (a 1-D array, or 2-D numbers), "
                             f"got shape {values.shape}")
        if mask is not None and mask.ndim != 1:
            raise ValueError(f"column {name!r}: the mask has shape {mask.shape}, the values {values.shape}")
        return _from_1d(name, values, mask)


def _validity(mask, length):
    """(buffer array or None, null count) for a bool mask that is True where null."""
    if mask is None:
        return None, 0
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != (length,):
        raise ValueError(f"the null mask has shape {mask.shape}, expected ({length},)")
    nulls = int(mask.sum())
    if nulls == 0:
        return None, 0
    return np.packbits(~mask, bitorder="little"), nulls


def _address(array):
    return array.__array_interface__["data"][0] if array is not None else 0


def _from_1d(name, values, mask):
    n = len(values)
    kind = values.dtype.kind
    if kind == "b":
        data = np.packbits(values, bitorder="little")
        validity, nulls = _validity(mask, n)
        return Column(Field(name, "b"), n, nulls, 0, [_address(validity), _address(data)], owner=(validity, data))
    if kind == "M" and np.datetime_data(values.dtype)[0] == "D":
        days = values.astype(np.int32)
        validity, nulls = _validity(_nat_mask(values, mask), n)
        return Column(Field(name, "tdD"), n, nulls, 0, [_address(validity), _address(days)], owner=(validity, days))
    if kind in "biufmM":
        if not values.dtype.isnative:
            values = values.astype(values.dtype.newbyteorder("="))
        fmt = format_of_dtype(values.dtype)
        if fmt is None:
            raise UnsupportedType(f"column {name!r}: numpy {values.dtype} has no Arrow form here "
                                  "(datetime64/timedelta64 need a unit of s, ms, us, ns or D)")
        data = np.ascontiguousarray(values)
        if kind in "mM":
            mask = _nat_mask(data, mask)
        validity, nulls = _validity(mask, n)
        return Column(Field(name, fmt), n, nulls, 0, [_address(validity), _address(data)], owner=(validity, data))
    if kind in "US":
        missing = np.asarray(mask, dtype=bool).tolist() if mask is not None else None
        return _variable(name, values.tolist(), missing, "u" if kind == "U" else "z")
    if kind == "O":
        return _from_objects(name, values, mask)
    raise UnsupportedType(f"column {name!r}: numpy {values.dtype} has no Arrow form here")


def _nat_mask(values, mask):
    nat = np.isnat(values)
    if not nat.any():
        return mask
    return nat if mask is None else (np.asarray(mask, dtype=bool) | nat)


def _is_missing(value):
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


_TEXT = (str,)
_BINARY = (bytes, bytearray, memoryview)


def _from_objects(name, values, mask):
    items = values.tolist()
    kinds = set(map(type, items))
    missing = None
    if any(not issubclass(k, _TEXT + _BINARY) for k in kinds):   # None, NaN, pd.NA, or something wrong
        missing = [_is_missing(v) for v in items]
    if mask is not None:
        flags = np.asarray(mask, dtype=bool).tolist()
        missing = flags if missing is None else [m or f for m, f in zip(missing, flags)]
    present = kinds if missing is None else {type(v) for v, m in zip(items, missing) if not m}
    text = all(issubclass(k, _TEXT) for k in present)
    binary = all(issubclass(k, _BINARY) for k in present)
    if not (text or binary):
        for index, value in enumerate(items):
            if (missing is None or not missing[index]) and not isinstance(value, _TEXT + _BINARY):
                raise UnsupportedType(f"column {name!r}: an object array is written as strings or as bytes, but "
                                      f"row {index} holds {type(value).__name__} {value!r:.60}")
        first_binary = next(i for i, v in enumerate(items) if isinstance(v, _BINARY) and not (missing and missing[i]))
        raise UnsupportedType(f"column {name!r} mixes str and bytes (row {first_binary} holds bytes)")
    return _variable(name, items, missing, "u" if text else "z")


def _variable(name, items, missing, fmt):
    """A utf8 ("u") or binary ("z") column of ``items``; ``missing`` is None or a list of bools (True: null)."""
    n = len(items)
    if missing is not None and not any(missing):
        missing = None
    if missing is not None:
        empty = "" if fmt == "u" else b""
        items = [empty if m else v for v, m in zip(items, missing)]
    if fmt == "u":
        joined = "".join(items)
        if joined.isascii():
            data = joined.encode("ascii")
            lengths = np.fromiter(map(len, items), dtype=np.int64, count=n)
        else:
            encoded = [v.encode("utf-8") for v in items]
            data = b"".join(encoded)
            lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=n)
    else:
        chunks = [bytes(v) for v in items]
        data = b"".join(chunks)
        lengths = np.fromiter(map(len, chunks), dtype=np.int64, count=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    if len(data) <= _INT32_MAX:
        offsets = offsets.astype(np.int32)
    else:
        fmt = fmt.upper()
    data_array = np.frombuffer(data, dtype=np.uint8) if data else np.zeros(1, dtype=np.uint8)
    validity, nulls = _validity(np.asarray(missing, dtype=bool) if missing is not None else None, n)
    return Column(Field(name, fmt), n, nulls, 0, [_address(validity), _address(offsets), _address(data_array)],
                  owner=(validity, offsets, data_array))


def _fixed_size_list(name, values, mask):
    n, size = values.shape
    flat = np.ascontiguousarray(values).reshape(n * size)
    child = _from_1d("item", flat, None)
    row_mask = None
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        row_mask = mask.all(axis=1) if mask.ndim == 2 else mask
    validity, nulls = _validity(row_mask, n)
    field = Field(name, f"+w:{size}", True, [child.field])
    return Column(field, n, nulls, 0, [_address(validity)], [child], owner=(validity, child))


def normalized(column):
    """The same values with offset 0 throughout (Arrow Java's importer ignores offsets): buffer addresses
    move instead, and only a validity or bool bitmap that starts mid-byte is copied."""
    fmt = column.format
    offset = column.offset
    children = column.children
    owner = column.owner
    buffers = list(column.buffers)
    null_count = column.known_null_count()
    extra = []

    def shift_bitmap(index):
        if not buffers[index]:
            return
        if offset % 8 == 0:
            buffers[index] += offset // 8
        else:
            bits = _bits(buffers[index], offset, column.length, owner)
            packed = np.packbits(bits, bitorder="little")
            extra.append(packed)
            buffers[index] = _address(packed)

    if offset:
        if buffers and fmt != "n":
            if null_count == 0:
                buffers[0] = 0
            else:
                shift_bitmap(0)
        width = _fixed_width(fmt)
        if width is not None:
            buffers[1] += offset * width
        elif fmt == "b":
            shift_bitmap(1)
        elif fmt in _OFFSET_DTYPES:
            buffers[1] += offset * _OFFSET_DTYPES[fmt].itemsize
        elif fmt.startswith("+w:"):
            size = int(fmt[3:])
            children = [children[0].slice(offset * size, column.length * size)]
        elif fmt == "+s":
            children = [c.slice(offset, column.length) for c in children]
        else:
            raise UnsupportedType(f"column {column.name!r}: a sliced {describe(fmt)} column cannot be handed to "
                                  "Java; pass it unsliced")
    children = [normalized(c) for c in children]
    if extra:
        owner = (owner, tuple(extra))
    return Column(column.field, column.length, null_count, 0, buffers, children, column.dictionary, owner)
