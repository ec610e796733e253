package io.pybridge.internal.runtime;

import io.pybridge.PythonRuntime;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to bring up the interpreter, as discovery resolved it.
 *
 * @param runtime      what is reported to users as {@code python.runtime()}
 * @param programName  given to Python as its program name, so that its own path calculation (and a
 *                     venv's {@code pyvenv.cfg}) comes out exactly as for the real executable
 * @param home         PYTHONHOME to force, or {@code null} to let Python compute it from the program name
 * @param preload      libraries opened globally before libpython
 * @param sitePackages site directories the real executable has; added after start-up if the embedded
 *                     interpreter did not find them by itself
 */
public record LaunchSpec(PythonRuntime runtime, Path programName, Path home, List<Path> preload,
                         List<String> sitePackages) {
    public LaunchSpec {
        preload = List.copyOf(preload);
        sitePackages = List.copyOf(sitePackages);
    }
}
