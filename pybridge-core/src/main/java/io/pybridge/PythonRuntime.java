package io.pybridge;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The interpreter a {@link Python} runs on: what was found and loaded.
 *
 * @param version       e.g. {@code 3.11.7}
 * @param executable    the interpreter binary it was probed through (a venv's own {@code python})
 * @param library       the shared libpython that was loaded
 * @param home          {@code sys.base_prefix}: where the standard library lives
 * @param prefix        {@code sys.prefix}: differs from {@code home} inside a virtual environment
 * @param freeThreaded  a free-threaded build ({@code Py_GIL_DISABLED}): no GIL serialises Python code
 * @param source        how it was chosen, e.g. {@code "environment variable VIRTUAL_ENV"}
 */
public record PythonRuntime(PythonVersion version, Path executable, Path library, Path home,
                            Path prefix, boolean freeThreaded, String source) {

    /** The virtual environment this runtime runs in, if any. */
    public Optional<Path> virtualEnv() {
        return prefix.equals(home) ? Optional.empty() : Optional.of(prefix);
    }
}
