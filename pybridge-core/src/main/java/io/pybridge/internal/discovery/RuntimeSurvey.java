package io.pybridge.internal.discovery;

import io.pybridge.DiscoveryReport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RuntimeDiscovery#survey} found: every candidate, evaluated, and the one discovery takes.
 *
 * @param report  every candidate in the order considered, each taken, refused, usable or not reached
 * @param chosen  the interpreter {@link RuntimeDiscovery#discover} would embed; empty when none serves
 * @param problem why none is chosen, in one line ({@code "the Python chosen by option --python cannot
 *                serve: /opt/py: file missing: /opt/py"}); present whenever {@code chosen} is empty,
 *                and also when the survey was interrupted
 * @param fixes   what to do when none is chosen, one item each; empty when one is
 */
public record RuntimeSurvey(DiscoveryReport report, Optional<ResolvedPython> chosen, Optional<String> problem,
                            List<String> fixes) {

    public RuntimeSurvey {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(problem, "problem");
        fixes = List.copyOf(fixes);
        if (chosen.isEmpty() && problem.isEmpty()) {
            throw new IllegalArgumentException("a survey that chose nothing must say why");
        }
    }
}
