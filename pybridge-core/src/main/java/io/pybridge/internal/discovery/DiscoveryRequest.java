package io.pybridge.internal.discovery;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller of discovery asked for: nothing in particular (search in the usual order), one
 * executable ({@code Python.builder().executable(path)}), or only the bundled runtime
 * ({@code Python.builder().bundled()}).
 *
 * @param executable  the interpreter (or venv / conda directory) the caller named
 * @param bundledOnly use the bundled runtime and nothing else
 * @param chosenBy    how the caller's choice is named in reports and messages, e.g.
 *                    {@code "Python.builder().executable()"} or a command-line option; unused
 *                    when nothing was chosen
 */
public record DiscoveryRequest(Optional<Path> executable, boolean bundledOnly, String chosenBy) {
    private static final String BUILDER_EXECUTABLE = "Python.builder().executable()";
    private static final String BUILDER_BUNDLED = "Python.builder().bundled()";

    public DiscoveryRequest {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(chosenBy, "chosenBy");
        if (bundledOnly && executable.isPresent()) {
            throw new IllegalArgumentException(
                    "choose either an executable (" + executable.get() + ") or the bundled runtime, not both");
        }
    }

    public static DiscoveryRequest automatic() {
        return new DiscoveryRequest(Optional.empty(), false, "");
    }

    public static DiscoveryRequest ofExecutable(Path executable) {
        return ofExecutable(executable, BUILDER_EXECUTABLE);
    }

    /** One executable, named {@code chosenBy} in reports (e.g. {@code "option --python"}). */
    public static DiscoveryRequest ofExecutable(Path executable, String chosenBy) {
        return new DiscoveryRequest(Optional.of(Objects.requireNonNull(executable, "executable")), false, chosenBy);
    }

    public static DiscoveryRequest onlyBundled() {
        return onlyBundled(BUILDER_BUNDLED);
    }

    /** Only the bundled runtime, named {@code chosenBy} in reports (e.g. {@code "option --bundled"}). */
    public static DiscoveryRequest onlyBundled(String chosenBy) {
        return new DiscoveryRequest(Optional.empty(), true, chosenBy);
    }
}
