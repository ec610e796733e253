package io.pybridge.internal.discovery;

import io.pybridge.spi.BundledPythonProvider;

import java.nio.file.Path;
import java.util.Optional;

/** A place discovery will look for an interpreter, before anything is run. */
sealed interface Lead {

    /** How the lead was found, for the report ({@code "python3 on PATH"}). */
    String source();

    /**
     * Named by the user (builder, {@code pybridge.python}, {@code PYBRIDGE_PYTHON}): when it
     * cannot serve, discovery stops with an error instead of taking another Python.
     */
    boolean explicit();

    /** The path the report shows for it before it is evaluated; null when it has none yet. */
    Path reportedPath();

    /** An interpreter path. */
    record Executable(String source, Path path, boolean explicit) implements Lead {
        @Override
        public Path reportedPath() {
            return path;
        }
    }

    /** The bundled runtime of one provider (empty when none is on the class path); its path is known once unpacked. */
    record Bundled(String source, Optional<BundledPythonProvider> provider, boolean explicit) implements Lead {
        @Override
        public Path reportedPath() {
            return null;
        }
    }

    /**
     * A lead that is refused before anything runs: a configured value that is not a path on this
     * system, a bundled-runtime provider that cannot be loaded.
     *
     * @param path   the path it names, when it names one
     * @param reason why it cannot serve
     */
    record Unusable(String source, Optional<Path> path, String reason, boolean explicit) implements Lead {
        @Override
        public Path reportedPath() {
            return path.orElse(null);
        }
    }
}
