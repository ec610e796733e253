package io.pybridge;

import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.runtime.CallerFrames;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.api.ApiErrors;
import io.pybridge.internal.api.RaisedTraceback;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
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
    private final RaisedTraceback traceback;
    /** The stack of the thread that made the call, when the call ran on a bridge thread ({@link CallerFrames}). */
    private Throwable callerFrames;
    private boolean framesMerged;

    PythonException(String message, String pythonType, String pythonMessage,
                    RaisedTraceback traceback, Throwable cause) {
        super(message, cause);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.traceback = traceback;
    }

    /**
     * The message: for an exception raised in Python, {@code "ValueError: bad value"} as Python prints its
     * last line ({@code "ValueError"} alone when {@code str(exception)} is empty), made when first read,
     * not each time one is raised and caught.
     */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        if (message != null || pythonType == null) {
            return message;
        }
        return pythonMessage == null || pythonMessage.isEmpty() ? pythonType : pythonType + ": " + pythonMessage;
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
     * exception that is raised and caught stays cheap. {@link Python#close()} formats, before it
     * finalizes, the tracebacks of the exceptions still held that were not read yet, so the text stays
     * the same after close. Empty when there was no Python exception.
     */
    public String pythonTraceback() {
        return traceback == null ? "" : traceback.format();
    }

    /**
     * The Python exception object itself, while the interpreter runs: for attributes the message does
     * not carry ({@code errno}, {@code args}, a custom exception's fields). Each call gives a new
     * reference; close it when done (the garbage collector drops it otherwise).
     *
     * <p>Its {@code __traceback__} is usually None: when Java catches an exception, the bridge keeps what
     * the traceback says ({@link #pythonTraceback()}, the Python frames of {@link #getStackTrace()}) and
     * lets the frames go, because they hold every local variable of the functions that failed, and a Java
     * exception lives until the garbage collector finds it unreachable, which may take arbitrarily long
     * (a model input of 50 MB per failure stayed allocated otherwise). The frames stay on in Java code
     * that Python called (the exception may go back into Python, whose traceback keeps them), and for
     * {@code NameError}, {@code AttributeError} and exception groups, whose text Python formats from them.
     * See {@code docs/embedding-differences.md}.
     */
    public Optional<PyObject> pythonException() {
        if (traceback == null || !Interpreter.usableByCurrentThread()) {
            return Optional.empty();
        }
        try {
            return GilScope.call(ctx -> {
                long object = traceback.exceptionReference();
                return object == 0 ? Optional.<PyObject>empty() : Optional.of(PyObject.of(PyRef.adopt(ctx, object)));
            });
        } catch (IllegalStateException closedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The raised exception this stands for, for the bridge's own classes; null when there was none. */
    RaisedTraceback raised() {
        return traceback;
    }

    /**
     * The stack trace with the Python frames in front of the Java ones, innermost first:
     * {@code at python.embedders.transcribe(embedders.py:42)}, then the Java frame that made the call (the
     * bridge's frames that made this exception from the Python one are left out). Where the call ran on a
     * bridge thread (the calling thread was virtual or had a small stack), the Java frames are that
     * thread's up to where it took the call, then the calling thread's from the hand-off
     * ({@code CarrierThreads.call}) down, so that the code that made the call shows. The Python frames are
     * read from the traceback on the first call (it takes the GIL), not when the exception is raised, so
     * that an exception raised and caught stays cheap; {@link Python#close()} reads those not read yet, so
     * they are there after close too.
     */
    @Override
    public StackTraceElement[] getStackTrace() {
        mergeFrames();
        return super.getStackTrace();
    }

    @Override
    public void printStackTrace(PrintStream s) {
        mergeFramesOfChain();
        super.printStackTrace(s);
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        mergeFramesOfChain();
        super.printStackTrace(s);
    }

    /** Throwable prints causes from their own fields, not through getStackTrace: merge them all first. */
    private void mergeFramesOfChain() {
        int depth = 0;
        for (Throwable t = this; t != null && depth < 64; t = t.getCause(), depth++) {
            if (t instanceof PythonException python) {
                python.mergeFrames();
            }
        }
    }

    /** Puts the calling thread's frames under this exception's own; the first caller's stay. */
    synchronized void addCallerFrames(Throwable frames) {
        if (callerFrames != null) {
            return;
        }
        callerFrames = frames;
        if (framesMerged) {
            setStackTrace(CallerFrames.join(super.getStackTrace(), frames));
        }
    }

    private synchronized void mergeFrames() {
        if (framesMerged) {
            return;
        }
        framesMerged = true;
        StackTraceElement[] python = traceback == null ? new StackTraceElement[0] : traceback.pythonFrames();
        StackTraceElement[] java = super.getStackTrace();
        int translation = ApiErrors.translationFrames(java, traceback);
        if (python.length == 0 && callerFrames == null && translation == 0) {
            return;
        }
        java = Arrays.copyOfRange(java, translation, java.length);
        if (callerFrames != null) {
            java = CallerFrames.join(java, callerFrames);
        }
        StackTraceElement[] all = new StackTraceElement[python.length + java.length];
        System.arraycopy(python, 0, all, 0, python.length);
        System.arraycopy(java, 0, all, python.length, java.length);
        setStackTrace(all);
    }
}
