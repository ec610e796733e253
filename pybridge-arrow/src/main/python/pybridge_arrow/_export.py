"""Producing C data interface structs from Columns: this side is then the producer.

Each exported ArrowArray or ArrowSchema gets ``private_data`` = a key into ``_EXPORTS``, whose entry holds
every Python object the struct points into (the Columns' owners: numpy arrays, imported arrays) plus the
ctypes memory of its buffer and child pointer arrays. The release callback drops the entry (and releases
children still unreleased), so the memory lives exactly as long as the consumer holds the struct. Children
have entries of their own, so a consumer may move one out and release it later, as the spec allows.

``_EXPORTS`` is kept alive past interpreter finalization: a Java VectorSchemaRoot may still read the
memory after ``Python.close()``.
"""

import ctypes
import itertools
import threading

from . import _cdata
from ._cdata import ArrowArray, ArrowSchema

__all__ = ["export_array", "export_schema", "release_array_now", "release_schema_now", "live_exports"]

_EXPORTS = _cdata.keep_forever({})
_keys = itertools.count(1)
_lock = threading.Lock()


class _Entry:
    __slots__ = ("keep", "children")

    def __init__(self, keep, children):
        self.keep = keep
        self.children = children


def _add(entry):
    with _lock:
        key = next(_keys)
        _EXPORTS[key] = entry
    return key


def _drop(key):
    with _lock:
        return _EXPORTS.pop(key, None)


def _release_array_at(address):
    array = ArrowArray.from_address(address)
    entry = _drop(array.private_data)
    array.release = None
    array.private_data = None
    if entry is not None:
        for child in entry.children:
            release_array_now(child)


def _release_schema_at(address):
    schema = ArrowSchema.from_address(address)
    entry = _drop(schema.private_data)
    schema.release = None
    schema.private_data = None
    if entry is not None:
        for child in entry.children:
            release_schema_now(child)


# The callbacks C consumers call; module globals, so they outlive every struct that points at them.
_ARRAY_RELEASE = _cdata.ARRAY_RELEASE(_release_array_at)
_SCHEMA_RELEASE = _cdata.SCHEMA_RELEASE(_release_schema_at)
_ARRAY_RELEASE_ADDRESS = ctypes.cast(_ARRAY_RELEASE, ctypes.c_void_p).value
_SCHEMA_RELEASE_ADDRESS = ctypes.cast(_SCHEMA_RELEASE, ctypes.c_void_p).value
_cdata.keep_forever((_ARRAY_RELEASE, _SCHEMA_RELEASE))


def release_array_now(array):
    """Releases an ArrowArray struct; one of ours directly, a foreign one through its callback."""
    if array.release == _ARRAY_RELEASE_ADDRESS:
        _release_array_at(ctypes.addressof(array))
    else:
        _cdata.release_array(array)


def release_schema_now(schema):
    """Releases an ArrowSchema struct; one of ours directly, a foreign one through its callback."""
    if schema.release == _SCHEMA_RELEASE_ADDRESS:
        _release_schema_at(ctypes.addressof(schema))
    else:
        _cdata.release_schema(schema)


def live_exports():
    """How many exported structs a consumer still holds (for tests and diagnostics)."""
    return len(_EXPORTS)


def _pointer_array(addresses):
    return (ctypes.c_void_p * max(len(addresses), 1))(*[a or None for a in addresses])


def export_array(column, target):
    """Fills the ArrowArray ``target`` (a ctypes struct, wherever its memory is) with ``column``."""
    children = [ArrowArray() for _ in column.children]
    dictionary = ArrowArray() if column.dictionary is not None else None
    done = []
    try:
        for struct, child in zip(children, column.children):
            export_array(child, struct)
            done.append(struct)
        if dictionary is not None:
            export_array(column.dictionary, dictionary)
            done.append(dictionary)
    except BaseException:
        for struct in done:
            release_array_now(struct)
        raise
    buffers = _pointer_array(column.buffers)
    child_pointers = _pointer_array([ctypes.addressof(c) for c in children])
    key = _add(_Entry((column.owner, buffers, children, child_pointers, dictionary), done))
    target.length = column.length
    target.null_count = column.null_count
    target.offset = column.offset
    target.n_buffers = len(column.buffers)
    target.n_children = len(children)
    target.buffers = ctypes.addressof(buffers) if column.buffers else None
    target.children = ctypes.addressof(child_pointers) if children else None
    target.dictionary = ctypes.addressof(dictionary) if dictionary is not None else None
    target.private_data = key
    target.release = _ARRAY_RELEASE_ADDRESS


def _metadata_bytes(metadata):
    if not metadata:
        return None
    parts = [len(metadata).to_bytes(4, "little", signed=True)]
    for key, value in metadata.items():
        for item in (key.encode("utf-8") if isinstance(key, str) else key,
                     value.encode("utf-8") if isinstance(value, str) else value):
            parts.append(len(item).to_bytes(4, "little", signed=True))
            parts.append(item)
    return ctypes.create_string_buffer(b"".join(parts))


def export_schema(field, target):
    """Fills the ArrowSchema ``target`` with ``field`` (and its children and dictionary)."""
    children = [ArrowSchema() for _ in field.children]
    dictionary = ArrowSchema() if field.dictionary is not None else None
    done = []
    try:
        for struct, child in zip(children, field.children):
            export_schema(child, struct)
            done.append(struct)
        if dictionary is not None:
            export_schema(field.dictionary, dictionary)
            done.append(dictionary)
    except BaseException:
        for struct in done:
            release_schema_now(struct)
        raise
    fmt = ctypes.create_string_buffer(field.format.encode("utf-8"))
    name = ctypes.create_string_buffer(field.name.encode("utf-8"))
    metadata = _metadata_bytes(field.metadata)
    child_pointers = _pointer_array([ctypes.addressof(c) for c in children])
    key = _add(_Entry((fmt, name, metadata, children, child_pointers, dictionary), done))
    target.format = ctypes.addressof(fmt)
    target.name = ctypes.addressof(name)
    target.metadata = ctypes.addressof(metadata) if metadata is not None else None
    target.flags = _cdata.FLAG_NULLABLE if field.nullable else 0
    target.n_children = len(children)
    target.children = ctypes.addressof(child_pointers) if children else None
    target.dictionary = ctypes.addressof(dictionary) if dictionary is not None else None
    target.private_data = key
    target.release = _SCHEMA_RELEASE_ADDRESS
