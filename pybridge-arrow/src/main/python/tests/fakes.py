"""Stand-ins for foreign Arrow producers and consumers, written to the C data interface's contract.

``FakeStream`` is a C stream producer (callbacks through ctypes, as a C library would expose them);
``consume_capsules`` does what pyarrow does with ``__arrow_c_array__`` capsules; ``fake_pyarrow`` is a
module with pyarrow's ``_import_from_c`` entry points, implemented by moving the structs as pyarrow does.
"""

import ctypes
import errno
import types

from pybridge_arrow import Batch, BatchStream, _cdata, _export


class FakeStream:
    """An ArrowArrayStream over a list of Batches, failing with ``fail_at`` when asked for that batch."""

    GET_SCHEMA = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    GET_NEXT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    GET_LAST_ERROR = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)
    RELEASE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)

    def __init__(self, batches, fail_at=None):
        self.batches = list(batches)
        self.fail_at = fail_at
        self.position = 0
        self.released = False
        self.error = ctypes.create_string_buffer(b"disk on fire")
        self._callbacks = (self.GET_SCHEMA(self._get_schema), self.GET_NEXT(self._get_next),
                           self.GET_LAST_ERROR(self._get_last_error), self.RELEASE(self._release))
        self.struct = _cdata.ArrowArrayStream()
        s = self.struct
        s.get_schema, s.get_next, s.get_last_error, s.release = [
            ctypes.cast(c, ctypes.c_void_p).value for c in self._callbacks]

    @property
    def address(self):
        return ctypes.addressof(self.struct)

    def _get_schema(self, stream, out):
        _export.export_schema(self.batches[0].struct_field(), _cdata.ArrowSchema.from_address(out))
        return 0

    def _get_next(self, stream, out):
        target = _cdata.ArrowArray.from_address(out)
        if self.position == self.fail_at:
            return errno.EIO
        if self.position >= len(self.batches):
            target.release = None
            return 0
        _export.export_array(self.batches[self.position].struct_column(), target)
        self.position += 1
        return 0

    def _get_last_error(self, stream):
        return ctypes.addressof(self.error)

    def _release(self, stream):
        self.released = True
        _cdata.ArrowArrayStream.from_address(stream).release = None


def consume_capsules(producer):
    """What pyarrow.record_batch(producer) does: take the capsules, move the structs out, import."""
    schema_capsule, array_capsule = producer.__arrow_c_array__()
    array_address = _cdata.capsule_pointer(array_capsule, "arrow_array")
    schema_address = _cdata.capsule_pointer(schema_capsule, "arrow_schema")
    return Batch._import_from_c(array_address, schema_address)


def fake_pyarrow():
    """A module with pyarrow's C data entry points, for checking that Java's addresses reach them."""
    module = types.ModuleType("pyarrow")
    module.calls = []

    class RecordBatch:
        @staticmethod
        def _import_from_c(array_address, schema_address):
            module.calls.append(("RecordBatch._import_from_c", array_address, schema_address))
            return Batch._import_from_c(array_address, schema_address)

    class RecordBatchReader:
        @staticmethod
        def _import_from_c(stream_address):
            module.calls.append(("RecordBatchReader._import_from_c", stream_address))
            return BatchStream._import_from_c(stream_address)

    module.RecordBatch = RecordBatch
    module.RecordBatchReader = RecordBatchReader
    return module
