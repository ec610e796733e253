package io.pybridge;

import io.pybridge.internal.api.RaisedTraceback;

/**
 * A module could not be imported ({@code ImportError}, {@code ModuleNotFoundError}), or a module
 * folder was not found where it was looked for. The message says what was looked for and where.
 */
public final class PythonImportException extends PythonException {
    PythonImportException(String message, String pythonType, String pythonMessage,
                                 RaisedTraceback traceback, Throwable cause) {
        super(message, pythonType, pythonMessage, traceback, cause);
    }

    PythonImportException(String message) {
        this(message, null, null, null, null);
    }
}
