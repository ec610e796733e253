package io.pybridge;

import java.util.Optional;

/**
 * Something went wrong on the Python side of the bridge, or in getting there.
 *
 * <p>The subclasses say which kind of failure it was. For an exception raised by Python code,
 * {@link #pythonType()}, {@link #pythonMessage()} and {@link #pythonTraceback()} keep what
 * Python knew, Python's {@code __cause__} / {@code __context__} become the Java cause chain, and
 * the Python frames are put in front of the Java stack trace
 * ({@code at python.embedders.transcribe(embedders.py:42)}).
 */
public abstract sealed class PythonException extends RuntimeException
        permits PythonImportException, PythonExecutionException, PythonConversionException,
                PythonSetupException {

    private final String pythonType;
    private final String pythonMessage;
    private final TracebackSource traceback;

    PythonException(String message, String pythonType, String pythonMessage,
                    TracebackSource traceback, Throwable cause) {
        super(message, cause);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.traceback = traceback;
    }

    /**
     * The Python exception's type: the bare name for built-in exceptions ({@code "ValueError"}),
     * {@code module.QualifiedName} for others ({@code "numpy.linalg.LinAlgError"}); {@code null}
     * when the failure did not come from a Python exception (most setup and conversion errors).
     */
    public String pythonType() {
        return pythonType;
    }

    /** {@code str(exception)} of the Python exception, or {@code null} when there was none. */
    public String pythonMessage() {
        return pythonMessage;
    }

    /**
     * The traceback as Python's {@code traceback.format_exception} prints it, including chained
     * exceptions. Formatted on the first call (it takes the GIL and reads source lines), so that an
     * exception that is raised and caught stays cheap; empty when there was no Python exception or
     * the interpreter has been closed since.
     */
    public String pythonTraceback() {
        return traceback == null ? "" : traceback.format();
    }

    /**
     * The Python exception object itself, while the interpreter runs: for attributes the message does
     * not carry ({@code errno}, {@code args}, a custom exception's fields).
     */
    public Optional<PyObject> pythonException() {
        return traceback == null ? Optional.empty() : traceback.exceptionObject();
    }

    /** Where a traceback comes from: the raised Python exception, formatted on demand. */
    public interface TracebackSource {
        String format();

        Optional<PyObject> exceptionObject();
    }
}
