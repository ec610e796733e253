"""Reading an ArrowSchema tree into Fields."""

import ctypes
import struct

from . import _cdata
from ._types import Field

__all__ = ["read_field", "read_metadata"]


def read_field(address, depth=0):
    """The Field described by the ArrowSchema at ``address`` (not released here)."""
    if depth > 64:
        raise ValueError("ArrowSchema nesting deeper than 64 levels")
    schema = _cdata.ArrowSchema.from_address(address)
    if not schema.release:
        raise ValueError("the ArrowSchema is released")
    fmt = _cdata.text_at(schema.format)
    if not fmt:
        raise ValueError("an ArrowSchema without a format string")
    name = _cdata.text_at(schema.name) or ""
    children = [read_field(child, depth + 1) for child in _cdata.pointers(schema.children, schema.n_children)]
    dictionary = read_field(schema.dictionary, depth + 1) if schema.dictionary else None
    return Field(name, fmt, bool(schema.flags & _cdata.FLAG_NULLABLE), children, dictionary,
                 read_metadata(schema.metadata))


def read_metadata(address):
    """The key/value metadata at ``address`` (int32 count, then int32-prefixed keys and values), or None."""
    if not address:
        return None
    (count,) = struct.unpack("=i", ctypes.string_at(address, 4))
    position = address + 4
    metadata = {}
    for _ in range(count):
        items = []
        for _ in range(2):
            (size,) = struct.unpack("=i", ctypes.string_at(position, 4))
            items.append(ctypes.string_at(position + 4, size))
            position += 4 + size
        metadata[items[0].decode("utf-8", "replace")] = items[1]
    return metadata
