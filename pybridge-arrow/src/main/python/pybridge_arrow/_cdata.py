"""The structs of the Arrow C data and C stream interfaces, in ctypes.

https://arrow.apache.org/docs/format/CDataInterface.html and CStreamInterface.html. Every pointer field
is a ``c_void_p`` (a plain int in Python): the structs are moved and read by address, and ctypes never
keeps Python objects inside them. Function pointers are called through the prototypes below; ctypes
releases the GIL for the length of such a call, so a producer's callback may take it again itself.
"""

import ctypes

__all__ = [
    "ArrowSchema", "ArrowArray", "ArrowArrayStream", "FLAG_DICTIONARY_ORDERED", "FLAG_NULLABLE",
    "FLAG_MAP_KEYS_SORTED", "release_schema", "release_array", "release_stream", "move_schema", "move_array",
    "move_stream", "pointers", "capsule_pointer", "new_capsule", "keep_forever", "text_at",
]

FLAG_DICTIONARY_ORDERED = 1
FLAG_NULLABLE = 2
FLAG_MAP_KEYS_SORTED = 4


class ArrowSchema(ctypes.Structure):
    _fields_ = [
        ("format", ctypes.c_void_p),
        ("name", ctypes.c_void_p),
        ("metadata", ctypes.c_void_p),
        ("flags", ctypes.c_int64),
        ("n_children", ctypes.c_int64),
        ("children", ctypes.c_void_p),
        ("dictionary", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


class ArrowArray(ctypes.Structure):
    _fields_ = [
        ("length", ctypes.c_int64),
        ("null_count", ctypes.c_int64),
        ("offset", ctypes.c_int64),
        ("n_buffers", ctypes.c_int64),
        ("n_children", ctypes.c_int64),
        ("buffers", ctypes.c_void_p),
        ("children", ctypes.c_void_p),
        ("dictionary", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


class ArrowArrayStream(ctypes.Structure):
    _fields_ = [
        ("get_schema", ctypes.c_void_p),
        ("get_next", ctypes.c_void_p),
        ("get_last_error", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


# Prototypes for calling the producer's function pointers (GIL released during the call).
SCHEMA_RELEASE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
ARRAY_RELEASE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
STREAM_RELEASE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
STREAM_GET_SCHEMA = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
STREAM_GET_NEXT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
STREAM_GET_LAST_ERROR = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)


def release_schema(schema):
    """Calls ``schema``'s release callback unless it is released already."""
    if schema.release:
        SCHEMA_RELEASE(schema.release)(ctypes.addressof(schema))


def release_array(array):
    """Calls ``array``'s release callback unless it is released already."""
    if array.release:
        ARRAY_RELEASE(array.release)(ctypes.addressof(array))


def release_stream(stream):
    """Calls ``stream``'s release callback unless it is released already."""
    if stream.release:
        STREAM_RELEASE(stream.release)(ctypes.addressof(stream))


def _move(struct_type, address, what):
    if not address:
        raise ValueError(f"the {what} address is NULL")
    source = struct_type.from_address(address)
    if not source.release:
        raise ValueError(f"the {what} at {address:#x} is released already (moved or consumed before)")
    owned = struct_type()
    ctypes.memmove(ctypes.addressof(owned), address, ctypes.sizeof(struct_type))
    source.release = None
    return owned


def move_schema(address):
    """Moves the ArrowSchema at ``address`` into Python-owned memory and marks the source released."""
    return _move(ArrowSchema, address, "ArrowSchema")


def move_array(address):
    """Moves the ArrowArray at ``address`` into Python-owned memory and marks the source released."""
    return _move(ArrowArray, address, "ArrowArray")


def move_stream(address):
    """Moves the ArrowArrayStream at ``address`` into Python-owned memory and marks the source released."""
    return _move(ArrowArrayStream, address, "ArrowArrayStream")


def pointers(address, count):
    """The ``count`` pointers of the C array at ``address``, as ints (0 for NULL)."""
    if count == 0:
        return []
    if not address:
        raise ValueError(f"a NULL pointer array where {count} pointers were expected")
    return [p or 0 for p in (ctypes.c_void_p * count).from_address(address)]


def text_at(address):
    """The NUL-terminated UTF-8 string at ``address``, or None for NULL."""
    if not address:
        return None
    return ctypes.string_at(address).decode("utf-8")


# --- PyCapsules (the Arrow PyCapsule interface) --------------------------------------------------------

_capsule_get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_get_pointer.restype = ctypes.c_void_p
_capsule_get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
_capsule_is_valid = ctypes.pythonapi.PyCapsule_IsValid
_capsule_is_valid.restype = ctypes.c_int
_capsule_is_valid.argtypes = [ctypes.py_object, ctypes.c_char_p]
_capsule_new = ctypes.pythonapi.PyCapsule_New
_capsule_new.restype = ctypes.py_object
_capsule_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
# A destructor receives the dying capsule as a raw pointer: read it without making a new reference.
_capsule_pointer_raw = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p)(
    ("PyCapsule_GetPointer", ctypes.pythonapi))
_CAPSULE_DESTRUCTOR = ctypes.CFUNCTYPE(None, ctypes.c_void_p)

# Names are C strings that must outlive every capsule: module-level constants.
CAPSULE_NAMES = {"arrow_schema": b"arrow_schema", "arrow_array": b"arrow_array",
                 "arrow_array_stream": b"arrow_array_stream"}
_STRUCTS = {"arrow_schema": (ArrowSchema, release_schema), "arrow_array": (ArrowArray, release_array),
            "arrow_array_stream": (ArrowArrayStream, release_stream)}


def capsule_pointer(capsule, name):
    """The struct address inside a capsule named ``name``; TypeError naming both when it is something else."""
    if type(capsule).__name__ != "PyCapsule" or not _capsule_is_valid(capsule, CAPSULE_NAMES[name]):
        raise TypeError(f"expected a PyCapsule named {name!r}, got {capsule!r}")
    return _capsule_get_pointer(capsule, CAPSULE_NAMES[name])


class _CapsuleMemory:
    """The structs handed out in capsules, until each capsule's destructor runs."""

    def __init__(self):
        self.structs = {}

    def destructor(self, name):
        struct_type, release = _STRUCTS[name]
        c_name = CAPSULE_NAMES[name]

        def destroy(capsule_address):
            address = _capsule_pointer_raw(capsule_address, c_name)
            struct = self.structs.pop(address, None)
            if struct is not None:
                release(struct)   # a consumer that moved the struct has marked it released

        return _CAPSULE_DESTRUCTOR(destroy)


_capsule_memory = _CapsuleMemory()
_DESTRUCTORS = {name: _capsule_memory.destructor(name) for name in _STRUCTS}


def new_capsule(name, struct):
    """A capsule owning ``struct`` (a filled ArrowSchema, ArrowArray or ArrowArrayStream): when the
    capsule dies, the struct is released unless a consumer moved it out first, as the protocol says."""
    address = ctypes.addressof(struct)
    _capsule_memory.structs[address] = struct
    destructor = ctypes.cast(_DESTRUCTORS[name], ctypes.c_void_p).value
    return _capsule_new(address, CAPSULE_NAMES[name], destructor)


_py_incref = ctypes.pythonapi.Py_IncRef
_py_incref.argtypes = [ctypes.py_object]
_py_incref.restype = None


def keep_forever(obj):
    """Gives ``obj`` a reference that is never dropped, so interpreter finalization cannot free it.

    Memory handed to a foreign consumer (a Java VectorSchemaRoot) must stay valid for as long as that
    consumer holds it, which may be after this interpreter has finalized: the registries holding such
    memory are kept this way.
    """
    _py_incref(obj)
    return obj
