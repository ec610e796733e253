package io.pybridge.arrow;

/**
 * What a record batch from Java becomes in Python.
 *
 * <p>Every form reads the Java buffers in place; see {@link ArrowBridge} for what each one copies.
 */
public enum PythonForm {
    /** {@link #PYARROW} when pyarrow can be imported, else {@link #NUMPY}. */
    AUTO("auto"),
    /** A {@code pyarrow.RecordBatch} (a {@code pyarrow.RecordBatchReader} for a stream); needs pyarrow. */
    PYARROW("pyarrow"),
    /**
     * A {@code pybridge_arrow.Batch} (a {@code pybridge_arrow.BatchStream} for a stream): numpy arrays per
     * column, {@code numpy.ma.MaskedArray} where a column has nulls. Needs only numpy.
     */
    NUMPY("numpy"),
    /** A {@code pandas.DataFrame} built on the {@link #NUMPY} form; needs pandas. Not for streams. */
    PANDAS("pandas");

    private final String pythonName;

    PythonForm(String pythonName) {
        this.pythonName = pythonName;
    }

    /** The name {@code pybridge_arrow.import_batch} takes. */
    String pythonName() {
        return pythonName;
    }
}
