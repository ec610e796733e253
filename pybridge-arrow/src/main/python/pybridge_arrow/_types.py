"""Arrow format strings (the C data interface's type names) and what numpy makes of them."""

import numpy as np

__all__ = ["Field", "PRIMITIVE_DTYPES", "TEMPORAL_UNITS", "describe", "numpy_dtype", "buffer_count",
           "format_of_dtype", "UnsupportedType"]

# Fixed-width types whose values numpy reads in place: format -> numpy dtype.
PRIMITIVE_DTYPES = {
    "c": np.dtype(np.int8), "C": np.dtype(np.uint8),
    "s": np.dtype(np.int16), "S": np.dtype(np.uint16),
    "i": np.dtype(np.int32), "I": np.dtype(np.uint32),
    "l": np.dtype(np.int64), "L": np.dtype(np.uint64),
    "e": np.dtype(np.float16), "f": np.dtype(np.float32), "g": np.dtype(np.float64),
}
_FORMAT_OF_DTYPE = {dtype: fmt for fmt, dtype in PRIMITIVE_DTYPES.items()}

# Arrow time units (s, ms, us, ns) are numpy's too.
TEMPORAL_UNITS = {"s": "s", "m": "ms", "u": "us", "n": "ns"}
_UNIT_LETTERS = {unit: letter for letter, unit in TEMPORAL_UNITS.items()}

_NAMES = {
    "n": "null", "b": "bool", "z": "binary", "Z": "large binary", "u": "utf8", "U": "large utf8",
    "vu": "utf8 view", "vz": "binary view", "tdD": "date32", "tdm": "date64", "+l": "list", "+L": "large list",
    "+s": "struct", "+m": "map", "+ud": "dense union", "+us": "sparse union", "+r": "run-end encoded",
}
for _fmt, _dtype in PRIMITIVE_DTYPES.items():
    _NAMES[_fmt] = _dtype.name


class UnsupportedType(TypeError):
    """An Arrow type the numpy form does not read (or a numpy type it cannot write)."""


class Field:
    """A column's name, Arrow format string, nullability, children and dictionary (for dictionary-encoded
    columns: the Field of the dictionary's values)."""

    __slots__ = ("name", "format", "nullable", "children", "dictionary", "metadata")

    def __init__(self, name, format, nullable=True, children=(), dictionary=None, metadata=None):
        self.name = name
        self.format = format
        self.nullable = nullable
        self.children = list(children)
        self.dictionary = dictionary
        self.metadata = metadata

    @property
    def type_name(self):
        return describe(self.format)

    def __eq__(self, other):
        return (isinstance(other, Field) and self.name == other.name and self.format == other.format
                and self.children == other.children and self.dictionary == other.dictionary)

    def __hash__(self):
        return hash((self.name, self.format))

    def __repr__(self):
        children = f", children={self.children!r}" if self.children else ""
        return f"Field({self.name!r}, {self.format!r}{children})"


def describe(fmt):
    """A readable name for an Arrow format string (``'g'`` -> ``'float64'``)."""
    if fmt in _NAMES:
        return _NAMES[fmt]
    if fmt.startswith("ts"):
        return f"timestamp[{TEMPORAL_UNITS.get(fmt[2:3], '?')}{', ' + fmt[4:] if len(fmt) > 4 else ''}]"
    if fmt.startswith("tD"):
        return f"duration[{TEMPORAL_UNITS.get(fmt[2:3], '?')}]"
    if fmt.startswith("tt"):
        return f"time[{TEMPORAL_UNITS.get(fmt[2:3], '?')}]"
    if fmt.startswith("+w:"):
        return f"fixed-size list[{fmt[3:]}]"
    if fmt.startswith("w:"):
        return f"fixed-size binary[{fmt[2:]}]"
    if fmt.startswith("d:"):
        return f"decimal({fmt[2:]})"
    return f"Arrow type {fmt!r}"


def numpy_dtype(fmt):
    """The numpy dtype whose values are laid out as this fixed-width format's, or None.

    Timestamps (``tsu:UTC``) read as ``datetime64`` in UTC, durations as ``timedelta64``, date64 as
    ``datetime64[ms]``: all in place, since they are 64-bit integers underneath.
    """
    if fmt in PRIMITIVE_DTYPES:
        return PRIMITIVE_DTYPES[fmt]
    if fmt.startswith("ts") and len(fmt) >= 4 and fmt[3] == ":" and fmt[2] in TEMPORAL_UNITS:
        return np.dtype(f"datetime64[{TEMPORAL_UNITS[fmt[2]]}]")
    if fmt.startswith("tD") and len(fmt) == 3 and fmt[2] in TEMPORAL_UNITS:
        return np.dtype(f"timedelta64[{TEMPORAL_UNITS[fmt[2]]}]")
    if fmt == "tdm":
        return np.dtype("datetime64[ms]")
    return None


def timezone_of(fmt):
    """The timezone of a timestamp format (``'tsu:Europe/Paris'``), or None."""
    if fmt.startswith("ts") and len(fmt) > 4:
        return fmt[4:]
    return None


def buffer_count(fmt):
    """How many buffers an array of this format has in the C data interface, or None when not known here."""
    if numpy_dtype(fmt) is not None or fmt in ("b", "tdD") or fmt.startswith("w:") or fmt.startswith("d:") \
            or fmt.startswith("tt"):
        return 2
    if fmt in ("u", "U", "z", "Z"):
        return 3
    if fmt in ("+s",) or fmt.startswith("+w:"):
        return 1
    if fmt == "n":
        return 0
    return None


def format_of_dtype(dtype, timezone=None):
    """The Arrow format string for a numpy dtype numpy holds in Arrow's own layout, or None."""
    dtype = np.dtype(dtype)
    fmt = _FORMAT_OF_DTYPE.get(dtype) if dtype.isnative else None
    if fmt is not None:
        return fmt
    if dtype.kind in "mM" and dtype.isnative:
        unit, count = np.datetime_data(dtype)
        if count == 1 and unit in _UNIT_LETTERS:
            letter = _UNIT_LETTERS[unit]
            return f"tD{letter}" if dtype.kind == "m" else f"ts{letter}:{timezone or ''}"
    return None
