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
 * @param verdict whether it was taken, refused, usable but not taken, or not reached
 * @param reason  why it was refused, or what it is when it serves; empty when not reached
 * @param runtime the runtime, present exactly when it serves ({@link Verdict#TAKEN} or {@link Verdict#USABLE})
 */
public record RuntimeCandidate(String source, Path path, Verdict verdict, String reason,
                               Optional<PythonRuntime> runtime) {

    public RuntimeCandidate {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(runtime, "runtime");
        if (verdict.serves() != runtime.isPresent()) {
            throw new IllegalArgumentException("a runtime goes with a candidate that serves, and only with one");
        }
    }

    /** What discovery did with a candidate. */
    public enum Verdict {
        /** It serves, and is the runtime PyBridge uses. */
        TAKEN,
        /** It was tried and cannot serve; {@link #reason()} says why. */
        REFUSED,
        /**
         * It would serve, but is not the one used: an earlier candidate was taken, or an explicit
         * choice that cannot serve rules out every other. Only a survey (what {@code pybridge doctor}
         * shows) looks past the first candidate that decides.
         */
        USABLE,
        /** An earlier candidate was taken (or an explicit choice failed) before this one was tried. */
        NOT_REACHED;

        /** Whether a candidate with this verdict is a runtime PyBridge can embed. */
        public boolean serves() {
            return this == TAKEN || this == USABLE;
        }
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
            case USABLE -> "usable, not taken";
            case NOT_REACHED -> "not reached";
        });
        if (!reason.isEmpty()) {
            line.append(": ").append(reason);
        }
        return line.toString();
    }
}
