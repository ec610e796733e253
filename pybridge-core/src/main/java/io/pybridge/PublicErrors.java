package io.pybridge;

import io.pybridge.internal.api.ApiErrors;
import io.pybridge.internal.api.RaisedTraceback;

/** Makes and reads the public exceptions for the internal layers (see {@link ApiErrors}). */
final class PublicErrors implements ApiErrors.Factory {

    @Override
    public RuntimeException raised(boolean importFailure, String message, String pythonType, String pythonMessage,
                                   RaisedTraceback traceback, Throwable cause) {
        return importFailure ? new PythonImportException(message, pythonType, pythonMessage, traceback, cause)
                : new PythonExecutionException(message, pythonType, pythonMessage, traceback, cause);
    }

    @Override
    public RuntimeException importFailure(String message) {
        return new PythonImportException(message);
    }

    @Override
    public RuntimeException conversion(String path, String problem, Throwable cause) {
        return new PythonConversionException(path, problem, cause);
    }

    @Override
    public RuntimeException setup(String message, Throwable cause) {
        return new PythonSetupException(message, cause);
    }

    @Override
    public String pythonType(Throwable failure) {
        return failure instanceof PythonException python ? python.pythonType() : null;
    }

    @Override
    public String pythonMessage(Throwable failure) {
        return failure instanceof PythonException python ? python.pythonMessage() : null;
    }

    @Override
    public String conversionPath(Throwable failure) {
        return failure instanceof PythonConversionException conversion ? conversion.path() : null;
    }

    @Override
    public RaisedTraceback raisedBy(Throwable failure) {
        return failure instanceof PythonException python ? python.raised() : null;
    }

    @Override
    public boolean isPublic(Throwable failure) {
        return failure instanceof PythonException;
    }

    @Override
    public boolean isSetupFailure(Throwable failure) {
        return failure instanceof PythonSetupException;
    }

    @Override
    public boolean addCallerFrames(Throwable failure, Throwable callerFrames) {
        if (failure instanceof PythonException python) {
            python.addCallerFrames(callerFrames);
            return true;
        }
        return false;
    }
}
