package io.pybridge.cli;

/**
 * A failure the command reports as one line on stderr with its own exit status, e.g. no runtime
 * ({@link ExitCodes#NO_RUNTIME}) or a Python exception with a hint added.
 */
final class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    CliFailure(int exitCode, String message) {
        this(exitCode, message, null);
    }

    int exitCode() {
        return exitCode;
    }
}
