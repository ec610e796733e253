package io.pybridge.cli;

import io.pybridge.PythonException;
import io.pybridge.PythonSetupException;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * Turns what a command threw into one line on stderr and an exit status; with {@code --verbose},
 * the Python traceback and the Java stack trace follow the line.
 */
final class Failures {
    private Failures() {
    }

    /** Prints {@code failure} for the command {@code command} (e.g. {@code "pybridge run"}) and returns the exit status. */
    static int report(Throwable failure, String command, PrintWriter err, boolean verbose) {
        int status = status(failure);
        String line = command + ": " + describe(failure);
        if (!verbose && status == ExitCodes.PYTHON_ERROR && !(failure instanceof PythonException)
                && !(failure instanceof CliFailure)) {
            line += " (--verbose prints the stack trace)";
        }
        err.println(line);
        if (verbose) {
            pythonException(failure).map(PythonException::pythonTraceback).filter(t -> !t.isBlank())
                    .ifPresent(traceback -> err.print(traceback.endsWith("\n") ? traceback : traceback + "\n"));
            failure.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    static int status(Throwable failure) {
        return switch (failure) {
            case CliFailure cli -> cli.exitCode();
            case PythonSetupException setup -> ExitCodes.NO_RUNTIME;
            default -> ExitCodes.PYTHON_ERROR;
        };
    }

    /** The one line: the Python type and message for a Python exception, the message for the others. */
    static String describe(Throwable failure) {
        return switch (failure) {
            case CliFailure cli -> cli.getMessage();
            case PythonSetupException setup -> "no usable Python: " + firstLine(setup.getMessage())
                    + " ('pybridge doctor' shows why)";
            case PythonException python when python.pythonType() != null -> pythonLine(python);
            case PythonException python -> OneLine.of(python.getMessage());
            default -> "unexpected failure: " + OneLine.of(failure.toString());
        };
    }

    /** {@code ValueError: the message}, or the bare type when the message is empty. */
    static String pythonLine(PythonException python) {
        String message = python.pythonMessage();
        return message == null || message.isBlank() ? python.pythonType()
                : python.pythonType() + ": " + OneLine.of(message);
    }

    private static Optional<PythonException> pythonException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PythonException python) {
                return Optional.of(python);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        return text == null ? "(no message)" : text.strip().lines().findFirst().orElse("(no message)");
    }
}
