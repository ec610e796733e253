package io.pybridge.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit statuses of the {@code pybridge} command, as its help lists them. */
final class ExitCodes {
    /** The command did what was asked; for {@code doctor}, a runtime serves. */
    static final int OK = 0;
    /** The Python code raised an exception, or the call failed otherwise. */
    static final int PYTHON_ERROR = 1;
    /** The command line was wrong: unknown option, missing or malformed argument. */
    static final int USAGE = 2;
    /** No usable Python runtime: none was found, the one chosen cannot serve, or it failed to start. */
    static final int NO_RUNTIME = 3;

    /** What every command's help lists under "Exit codes:", status to meaning. */
    static final Map<String, String> HELP = helpLines();

    private static Map<String, String> helpLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(String.valueOf(OK), "success (doctor: a Python runtime serves)");
        lines.put(String.valueOf(PYTHON_ERROR), "the Python code raised an exception, or the call failed");
        lines.put(String.valueOf(USAGE), "usage error: unknown option, missing or malformed argument");
        lines.put(String.valueOf(NO_RUNTIME), "no usable Python runtime ('pybridge doctor' shows why)");
        return Collections.unmodifiableMap(lines);
    }

    private ExitCodes() {
    }
}
