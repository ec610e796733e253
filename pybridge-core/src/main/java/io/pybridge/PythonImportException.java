package io.pybridge;

/**
 * A module could not be imported ({@code ImportError}, {@code ModuleNotFoundError}), or a module
 * folder was not found where it was looked for. The message says what was looked for and where.
 */
public final class PythonImportException extends PythonException {
    public PythonImportException(String message, String pythonType, String pythonMessage,
                                 TracebackSource traceback, Throwable cause) {
        super(message, pythonType, pythonMessage, traceback, cause);
    }

    public PythonImportException(String message) {
        this(message, null, null, null, null);
    }
}
