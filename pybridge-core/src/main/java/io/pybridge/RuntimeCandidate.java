package io.pybridge;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One interpreter that runtime discovery considered, and what became of it. {@link DiscoveryReport}
 * lists them in the order they were considered.
 *
 * @param source  where it came from: {@code "environment variable VIRTUAL_ENV"}, {@code "python3 on PATH"}, ...
 * @param path    the executable as that source named it (a pyenv shim stays a shim here; the
 *                interpreter behind it is {@code runtime().executable()}); {@code null} only for
 *                a bundled runtime that was never unpacked
 * @param verdict whether it was taken, refused, or not reached
 * @param reason  why it was refused, or what was taken; empty when not reached
 * @param runtime the runtime, present only when taken
 */
public record RuntimeCandidate(String source, Path path, Verdict verdict, String reason,
                               Optional<PythonRuntime> runtime) {

    public RuntimeCandidate {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(runtime, "runtime");
        if ((verdict == Verdict.TAKEN) != runtime.isPresent()) {
            throw new IllegalArgumentException("a runtime goes with a taken candidate, and only with one");
        }
    }

    /** What discovery did with a candidate. */
    public enum Verdict {
        /** It serves, and is the runtime PyBridge uses. */
        TAKEN,
        /** It was tried and cannot serve; {@link #reason()} says why. */
        REFUSED,
        /** An earlier candidate was taken (or an explicit choice failed) before this one was tried. */
        NOT_REACHED
    }

    /** One line for listings: {@code "python3 on PATH: /usr/bin/python3 -- refused: ..."}. */
    public String describe() {
        StringBuilder line = new StringBuilder(source);
        if (path != null) {
            line.append(": ").append(path);
        }
        line.append(" -- ").append(switch (verdict) {
            case TAKEN -> "taken";
            case REFUSED -> "refused";
            case NOT_REACHED -> "not reached";
        });
        if (!reason.isEmpty()) {
            line.append(": ").append(reason);
        }
        return line.toString();
    }
}
