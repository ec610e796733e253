package io.pybridge.internal.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller of discovery asked for: nothing in particular (search in the usual order), one
 * executable ({@code Python.builder().executable(path)}), or only the bundled runtime
 * ({@code Python.builder().bundled()}).
 *
 * @param executable  the interpreter (or venv / conda directory) the builder named
 * @param bundledOnly use the bundled runtime and nothing else
 */
public record DiscoveryRequest(Optional<Path> executable, boolean bundledOnly) {

    public DiscoveryRequest {
        Objects.requireNonNull(executable, "executable");
        if (bundledOnly && executable.isPresent()) {
            throw new IllegalArgumentException(
                    "choose either an executable (" + executable.get() + ") or the bundled runtime, not both");
        }
    }

    public static DiscoveryRequest automatic() {
        return new DiscoveryRequest(Optional.empty(), false);
    }

    public static DiscoveryRequest ofExecutable(Path executable) {
        return new DiscoveryRequest(Optional.of(Objects.requireNonNull(executable, "executable")), false);
    }

    public static DiscoveryRequest onlyBundled() {
        return new DiscoveryRequest(Optional.empty(), true);
    }
}
