package io.pybridge.arrow.internal;

import io.pybridge.PyObject;
import io.pybridge.Python;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An ArrowReader over a {@code pybridge_arrow.StreamForJava}: each {@code loadNextBatch} asks Python for
 * the next batch (with the GIL, which {@code withGil} takes and, on a small-stack thread, hops for) and
 * imports it in place into the reader's root. The Python stream is read here, not through Arrow Java's
 * C stream import, so that Python's callbacks never run on a thread that does not hold the GIL.
 */
public final class PythonArrowReader extends ArrowReader {
    private final Python python;
    private final PyObject source;
    private final CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();

    public PythonArrowReader(Python python, PyObject source, BufferAllocator allocator) {
        super(allocator);
        this.python = python;
        this.source = source;
    }

    @Override
    protected Schema readSchema() {
        return python.withGil(py -> {
            try (ArrowSchema schema = ArrowSchema.allocateNew(allocator)) {
                source.callMethod("schema_into", schema.memoryAddress()).close();
                return Data.importSchema(allocator, schema, dictionaries);
            }
        });
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        VectorSchemaRoot root = getVectorSchemaRoot();
        return python.withGil(py -> {
            PyObject export = source.callMethod("next_for_java");
            if (export.typeName().equals("NoneType")) {
                export.close();
                return false;
            }
            PythonBatches.importInto(python, export, allocator, root, dictionaries);
            return true;
        });
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        try {
            python.withGil(py -> {
                source.callMethod("close").close();
                return null;
            });
        } finally {
            source.close();
            dictionaries.close();
        }
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() {
        return dictionaries.getDictionaryIds().stream().collect(Collectors.toMap(Function.identity(), dictionaries::lookup));
    }

    @Override
    public Dictionary lookup(long id) {
        return dictionaries.lookup(id);
    }
}
