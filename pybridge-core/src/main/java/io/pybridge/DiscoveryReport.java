package io.pybridge;

import java.util.List;
import java.util.Optional;

/**
 * How PyBridge looked for a Python: every candidate in the order considered, and which one it
 * took. The order is: the builder's {@code executable(...)}; the system property
 * {@code pybridge.python}; the environment variable {@code PYBRIDGE_PYTHON}; {@code VIRTUAL_ENV};
 * {@code CONDA_PREFIX}; {@code python3} then {@code python} on {@code PATH}; the bundled runtime
 * (module {@code pybridge-python}). The first three are explicit choices: when one of them cannot
 * serve, discovery stops there instead of picking another Python.
 *
 * <p>Discovery stops at the first candidate that decides and leaves the rest
 * {@linkplain RuntimeCandidate.Verdict#NOT_REACHED not reached}; a survey ({@code pybridge doctor})
 * evaluates them all and marks those that would also serve {@linkplain RuntimeCandidate.Verdict#USABLE usable}.
 */
public record DiscoveryReport(List<RuntimeCandidate> candidates) {

    public DiscoveryReport {
        candidates = List.copyOf(candidates);
    }

    /** The candidate that was taken, if any was. */
    public Optional<RuntimeCandidate> chosen() {
        return candidates.stream().filter(c -> c.verdict() == RuntimeCandidate.Verdict.TAKEN).findFirst();
    }

    /** One numbered line per candidate, for error messages and {@code pybridge doctor}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < candidates.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(candidates.get(i).describe()).append('\n');
        }
        return text.toString();
    }
}
