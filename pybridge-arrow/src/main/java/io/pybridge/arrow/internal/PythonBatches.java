package io.pybridge.arrow.internal;

import io.pybridge.PyObject;
import io.pybridge.Python;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Record batches from Python into Java: Python hands over a {@code pybridge_arrow.JavaExport}, Java
 * imports its schema and a copy of its array whose release drops the JavaExport
 * ({@link PythonReleaseCallback}). Runs with the GIL held, on a thread with a stack fit for Python, so
 * that the producer's schema release (called by Arrow Java during the import) runs Python safely.
 */
public final class PythonBatches {

    private PythonBatches() {
    }

    /** Imports one batch; {@code export} is a JavaExport, taken over (closed when Java releases it). */
    public static VectorSchemaRoot importExport(Python python, PyObject export, BufferAllocator allocator,
                                                CDataDictionaryProvider dictionaries) {
        return python.withGil(py -> {
            long arrayAddress;
            long schemaAddress;
            try (PyObject a = export.getAttr("array_address"); PyObject s = export.getAttr("schema_address")) {
                arrayAddress = a.as(Long.class);
                schemaAddress = s.as(Long.class);
            } catch (RuntimeException e) {
                export.close();
                throw e;
            }
            try (ArrowArray array = ArrowArray.allocateNew(allocator)) {
                PythonReleaseCallback.adopt(arrayAddress, export, array);
                try {
                    Schema schema = Data.importSchema(allocator, ArrowSchema.wrap(schemaAddress), dictionaries, false);
                    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                    try {
                        Data.importIntoVectorSchemaRoot(allocator, array, root, dictionaries, false);
                    } catch (RuntimeException | Error e) {
                        root.close();
                        throw e;
                    }
                    return root;
                } finally {
                    PythonReleaseCallback.releaseIfUnused(array);
                }
            }
        });
    }

    /** Imports the next batch of a stream into {@code root}; {@code export} as for {@link #importExport}. */
    public static void importInto(Python python, PyObject export, BufferAllocator allocator, VectorSchemaRoot root,
                                  CDataDictionaryProvider dictionaries) {
        python.withGil(py -> {
            long arrayAddress;
            try (PyObject a = export.getAttr("array_address")) {
                arrayAddress = a.as(Long.class);
            } catch (RuntimeException e) {
                export.close();
                throw e;
            }
            try (ArrowArray array = ArrowArray.allocateNew(allocator)) {
                PythonReleaseCallback.adopt(arrayAddress, export, array);
                try {
                    Data.importIntoVectorSchemaRoot(allocator, array, root, dictionaries, false);
                } finally {
                    PythonReleaseCallback.releaseIfUnused(array);
                }
            }
            return null;
        });
    }
}
