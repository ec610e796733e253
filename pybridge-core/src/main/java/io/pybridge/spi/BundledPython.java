package io.pybridge.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An unpacked bundled interpreter, ready to be probed and loaded like any other.
 *
 * @param executable        the interpreter binary, probed the same way as a system Python
 * @param home              PYTHONHOME for the embedded interpreter (prefix holding {@code lib/pythonX.Y})
 * @param preloadLibraries  shared libraries to open globally before libpython (e.g. openblas for numpy)
 * @param probeEnvironment  extra environment for running {@code executable} (e.g. LD_LIBRARY_PATH)
 * @param description       where it came from, for doctor output and error messages
 */
public record BundledPython(Path executable, Path home, List<Path> preloadLibraries,
                            Map<String, String> probeEnvironment, String description) {
    public BundledPython {
        preloadLibraries = List.copyOf(preloadLibraries);
        probeEnvironment = Map.copyOf(probeEnvironment);
    }
}
