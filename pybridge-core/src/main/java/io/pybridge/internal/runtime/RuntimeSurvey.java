package io.pybridge.internal.runtime;

import io.pybridge.DiscoveryReport;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RuntimeDiscovery#survey} found: every candidate, evaluated, and the one discovery takes.
 *
 * @param report  every candidate in the order considered, each taken, refused, usable or not reached
 * @param chosen  the interpreter {@link RuntimeDiscovery#discover} would embed; empty when none serves
 * @param problem why none is chosen, with every candidate and what to do (the text discovery's
 *                exception would carry); present exactly when {@code chosen} is empty, or when the
 *                survey was interrupted
 */
public record RuntimeSurvey(DiscoveryReport report, Optional<ResolvedPython> chosen, Optional<String> problem) {

    public RuntimeSurvey {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(problem, "problem");
        if (chosen.isEmpty() && problem.isEmpty()) {
            throw new IllegalArgumentException("a survey that chose nothing must say why");
        }
    }
}
