package io.pybridge.arrow;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.arrow.internal.PythonArrowReader;
import io.pybridge.arrow.internal.PythonBatches;
import io.pybridge.arrow.internal.PythonPackage;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;

import java.util.Objects;

/**
 * Apache Arrow record batches between Java and Python in one process, without copying their columns,
 * through the Arrow C data interface (and the C stream interface for readers).
 *
 * <pre>{@code
 * ArrowBridge arrow = ArrowBridge.of(python, allocator);
 * try (VectorSchemaRoot scores = python.withGil(py -> {
 *     try (PyObject batch = arrow.toPython(root);                  // pyarrow.RecordBatch, or numpy columns
 *          PyObject result = model.callMethod("score", batch)) {   // e.g. {"label": ndarray, "p": ndarray}
 *         return arrow.toJava(result);
 *     }
 * })) { ... }
 * }</pre>
 *
 * <h2>Java to Python</h2>
 * {@link #toPython(VectorSchemaRoot)} exports the root's current buffers with Arrow Java's C data API
 * and hands them to Python, which moves the C structs and reads the buffers in place: as a
 * {@code pyarrow.RecordBatch} where pyarrow imports ({@link PythonForm#AUTO}), otherwise as a
 * {@code pybridge_arrow.Batch} whose columns are numpy arrays (read-only views of the Java memory for
 * fixed-width numbers and times; copies for bools, which Arrow packs in bits, and for strings, decoded to
 * numpy object arrays; {@code numpy.ma.MaskedArray} where a column has nulls), or a
 * {@code pandas.DataFrame} ({@link PythonForm#PANDAS}).
 *
 * <p><b>Lifetime.</b> The export holds a reference to every buffer; Python's release callback, run
 * when the last Python object reading them is gone (the batch, every numpy view of it, a DataFrame), drops
 * those references. Until then the memory stays valid whatever Java does with the root: clearing it,
 * loading the next batch into it or closing it frees nothing Python reads (but writing into the same
 * vectors changes what Python sees). The allocator counts the memory until Python releases it, so
 * closing the allocator first fails with Arrow's "memory leaked" error rather than freeing it.
 *
 * <h2>Python to Java</h2>
 * {@link #toJava(PyObject)} takes any record batch: a {@code pybridge_arrow.Batch}, anything with the
 * Arrow PyCapsule method {@code __arrow_c_array__} (pyarrow, polars, ...), a pandas DataFrame, or a dict
 * of numpy arrays. Numbers that numpy holds in Arrow's layout are imported in place; Python keeps them
 * alive until the returned root (and every buffer taken from it) is closed. Then Java drops its
 * reference without waiting for the GIL; Python frees the memory at the bridge's next GIL acquisition.
 * After {@link Python#close()} the memory is never freed, so a root imported earlier stays readable.
 *
 * <p>Every method may be called from any thread, with or without the GIL; each takes it as needed.
 */
public final class ArrowBridge {
    private final Python python;
    private final BufferAllocator allocator;

    private ArrowBridge(Python python, BufferAllocator allocator) {
        this.python = python;
        this.allocator = allocator;
    }

    /**
     * A bridge for {@code python} that allocates from {@code allocator}: the C structs of exports, and the
     * accounting of imported Python memory (which Arrow counts against it until released).
     */
    public static ArrowBridge of(Python python, BufferAllocator allocator) {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(allocator, "allocator");
        PythonPackage.module(python);
        return new ArrowBridge(python, allocator);
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** Whether pyarrow can be imported, that is, what {@link PythonForm#AUTO} gives. */
    public boolean pyarrowAvailable() {
        return python.withGil(py -> {
            try (PyObject pyarrow = module().callMethod("pyarrow_or_none")) {
                return !pyarrow.typeName().equals("NoneType");
            }
        });
    }

    /** {@code root} in Python, as {@link PythonForm#AUTO}. */
    public PyObject toPython(VectorSchemaRoot root) {
        return toPython(root, null, PythonForm.AUTO);
    }

    /** {@code root} in Python, as {@code form}. */
    public PyObject toPython(VectorSchemaRoot root, PythonForm form) {
        return toPython(root, null, form);
    }

    /**
     * {@code root} in Python, as {@code form}; {@code dictionaries} holds the dictionaries of its
     * dictionary-encoded vectors (null when it has none).
     *
     * @throws io.pybridge.PythonImportException when {@code form} needs pyarrow or pandas and it cannot be imported
     */
    public PyObject toPython(VectorSchemaRoot root, DictionaryProvider dictionaries, PythonForm form) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(form, "form");
        try (ArrowArray array = ArrowArray.allocateNew(allocator); ArrowSchema schema = ArrowSchema.allocateNew(allocator)) {
            Data.exportVectorSchemaRoot(allocator, root, dictionaries, array, schema);
            try {
                return python.withGil(py -> module().callMethod("import_batch", array.memoryAddress(),
                        schema.memoryAddress(), form.pythonName()));
            } finally {
                // Python moved what it imported; a failed import leaves the rest to release here.
                if (array.snapshot().release != 0) {
                    array.release();
                }
                if (schema.snapshot().release != 0) {
                    schema.release();
                }
            }
        }
    }

    /** {@code reader} in Python as {@link PythonForm#AUTO}; see {@link #toPython(ArrowReader, PythonForm)}. */
    public PyObject toPython(ArrowReader reader) {
        return toPython(reader, PythonForm.AUTO);
    }

    /**
     * {@code reader} in Python, as a stream read lazily: a {@code pyarrow.RecordBatchReader}
     * ({@link PythonForm#PYARROW}) or a {@code pybridge_arrow.BatchStream} ({@link PythonForm#NUMPY}),
     * both iterables of batches. Python asks the reader for each batch (with the GIL released while the
     * reader works). The reader now belongs to Python: it is closed when Python closes or drops the stream.
     *
     * @throws IllegalArgumentException for {@link PythonForm#PANDAS}, which has no stream form
     */
    public PyObject toPython(ArrowReader reader, PythonForm form) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(form, "form");
        if (form == PythonForm.PANDAS) {
            throw new IllegalArgumentException("form: a stream has no pandas form; use NUMPY and call to_pandas() on the stream");
        }
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, reader, stream);
            try {
                return python.withGil(py -> module().callMethod("import_stream", stream.memoryAddress(), form.pythonName()));
            } finally {
                if (stream.snapshot().release != 0) {
                    stream.release();
                }
            }
        }
    }

    /**
     * A record batch made in Python, as a VectorSchemaRoot over Python's memory (see the class
     * documentation). Close the root when done: that is what lets Python free the memory.
     *
     * @throws IllegalArgumentException          when the batch has dictionary-encoded columns (use
     *                                           {@link #toJava(PyObject, CDataDictionaryProvider)})
     * @throws io.pybridge.PythonExecutionException when {@code data} is not a record batch, or a column has
     *                                           no Arrow form (the message names the column)
     */
    public VectorSchemaRoot toJava(PyObject data) {
        CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
        VectorSchemaRoot root = toJava(data, dictionaries);
        if (!dictionaries.getDictionaryIds().isEmpty()) {
            root.close();
            dictionaries.close();
            throw new IllegalArgumentException("data has dictionary-encoded columns: pass a CDataDictionaryProvider "
                    + "to toJava(data, dictionaries) to receive their dictionaries");
        }
        dictionaries.close();
        return root;
    }

    /** Like {@link #toJava(PyObject)}; the dictionaries of dictionary-encoded columns go to {@code dictionaries}. */
    public VectorSchemaRoot toJava(PyObject data, CDataDictionaryProvider dictionaries) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dictionaries, "dictionaries");
        return python.withGil(py -> PythonBatches.importExport(python, module().callMethod("export_for_java", data),
                allocator, dictionaries));
    }

    /**
     * A stream of record batches made in Python, read one batch at a time: anything with
     * {@code __arrow_c_stream__} (a pyarrow Table or RecordBatchReader, a {@code BatchStream}), or any
     * Python iterable of record batches (a generator of dicts of numpy arrays, say). Each
     * {@code loadNextBatch()} takes the GIL; batches are imported without a copy as for
     * {@link #toJava(PyObject)}. Closing the reader closes the Python stream.
     */
    public ArrowReader toJavaReader(PyObject data) {
        Objects.requireNonNull(data, "data");
        PyObject source = python.withGil(py -> module().callMethod("stream_for_java", data));
        return new PythonArrowReader(python, source, allocator);
    }

    private PyObject module() {
        return PythonPackage.module(python);
    }
}
