package io.pybridge;

import io.pybridge.internal.api.RaisedTraceback;

/**
 * Python code raised an exception other than an import failure, {@code SystemExit} and
 * {@code KeyboardInterrupt} included: those never exit or stop the JVM.
 */
public final class PythonExecutionException extends PythonException {
    PythonExecutionException(String message, String pythonType, String pythonMessage,
                                    RaisedTraceback traceback, Throwable cause) {
        super(message, pythonType, pythonMessage, traceback, cause);
    }
}
