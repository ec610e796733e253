package io.pybridge;

/**
 * No usable Python runtime: none was found, the one asked for cannot serve, or libpython failed
 * to load or initialize. The message lists every candidate that was tried, why each was refused,
 * and how to fix it.
 */
public final class PythonSetupException extends PythonException {
    PythonSetupException(String message) {
        super(message, null, null, null, null);
    }

    PythonSetupException(String message, Throwable cause) {
        super(message, null, null, null, cause);
    }
}
