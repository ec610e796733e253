"""Apache Arrow record batches shared with Java without copying their columns.

The Python half of PyBridge's ``pybridge-arrow`` module (``io.pybridge.arrow.ArrowBridge``), written
against the Arrow C data and C stream interfaces and the Arrow PyCapsule protocol with ctypes and numpy
only. Where pyarrow imports, Java's batches arrive as ``pyarrow.RecordBatch`` (pyarrow's documented
``_import_from_c``); otherwise as ``Batch``: columns read in place as numpy arrays, nulls as
``numpy.ma.MaskedArray`` masks, and ``to_pandas()`` where pandas is installed.

Results go back to Java as any record batch: a ``Batch``, a dict of numpy arrays, a pandas DataFrame, a
pyarrow RecordBatch or anything with ``__arrow_c_array__``; numbers that numpy holds in Arrow's layout are
handed over in place and stay alive until Java closes what it imported.
"""

from ._batch import Batch, BatchStream, as_batch
from ._columns import Column
from ._export import live_exports
from ._java import (JavaExport, StreamForJava, export_for_java, import_batch, import_stream, pyarrow_or_none,
                    stream_for_java)
from ._types import Field, UnsupportedType

__all__ = ["Batch", "BatchStream", "Column", "Field", "UnsupportedType", "as_batch", "import_batch", "import_stream",
           "export_for_java", "stream_for_java", "JavaExport", "StreamForJava", "live_exports", "pyarrow_or_none"]

for _public in (Batch, BatchStream, Column, Field, UnsupportedType, JavaExport, StreamForJava):
    _public.__module__ = __name__
del _public
