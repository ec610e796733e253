package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;

/**
 * A candidate executable could not be probed. The message is the reason as a person should read
 * it ("not executable: /opt/py/bin/python"); {@link #kind()} says which failure it was.
 */
public final class ProbeException extends Exception {

    public enum Kind {
        /** No file at the path. */
        MISSING,
        /** The path is a symbolic link whose target (or a link along the way) does not exist. */
        DANGLING_LINK,
        /** A directory, or a file without execute permission. */
        NOT_EXECUTABLE,
        /** The process ran, exited normally, but did not print what the probe script prints. */
        NOT_PYTHON,
        /** The process could not be started, or exited with a non-zero status. */
        FAILED,
        /** It did not finish within the probe's time limit and was killed. */
        TIMEOUT,
        /** A Python too old to run the probe script ({@link #version()} says which). */
        TOO_OLD,
        /** The probing thread was interrupted; its interrupt status is set again. */
        INTERRUPTED
    }

    private final Kind kind;
    private final PythonVersion version;

    ProbeException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    ProbeException(Kind kind, String message, PythonVersion version, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.version = version;
    }

    public Kind kind() {
        return kind;
    }

    /** The version the interpreter reported, for {@link Kind#TOO_OLD}; {@code null} otherwise. */
    public PythonVersion version() {
        return version;
    }
}
