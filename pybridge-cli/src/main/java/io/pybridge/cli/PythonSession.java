package io.pybridge.cli;

import io.pybridge.Python;
import io.pybridge.PythonSetupException;
import io.pybridge.internal.discovery.RuntimeDiscovery;
import io.pybridge.internal.discovery.RuntimeSurvey;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts the embedded interpreter for a command and remembers it, so that {@link Main} can finalize
 * it before the process exits (atexit handlers run, Python's buffered output is written).
 */
final class PythonSession {
    private static volatile Python started;

    private PythonSession() {
    }

    /**
     * Starts the runtime {@code choice} names (or discovery finds), with {@code modulePaths} in
     * front of {@code sys.path}, or returns the running one.
     *
     * @throws CliFailure {@link ExitCodes#NO_RUNTIME} when none serves or it fails to start, saying
     *                    why in one line
     */
    static Python start(RuntimeChoice choice, List<Path> modulePaths) {
        Python.Builder builder = RuntimeChoice.builder(choice);
        modulePaths.forEach(builder::modulePath);
        try {
            Python python = builder.start();
            started = python;
            return python;
        } catch (PythonSetupException e) {
            // The builder's message lists every candidate; the command wants one line naming its own option.
            RuntimeSurvey found = RuntimeDiscovery.standard().survey(RuntimeChoice.request(choice), false);
            if (found.chosen().isEmpty()) {
                throw new CliFailure(ExitCodes.NO_RUNTIME, "no usable Python: " + found.problem().orElse("none found")
                        + " ('pybridge doctor' shows every candidate and why)", e);
            }
            throw new CliFailure(ExitCodes.NO_RUNTIME, "the Python runtime failed to start: "
                    + OneLine.of(e.getMessage()), e);
        }
    }

    /** Finalizes the interpreter if a command started it; a failure to finalize changes nothing for the caller. */
    static void closeIfStarted() {
        Python python = started;
        if (python == null) {
            return;
        }
        try {
            python.close();
        } catch (RuntimeException e) {
            System.err.println("pybridge: warning: Python could not be finalized: " + OneLine.of(e.getMessage()));
        }
    }
}
