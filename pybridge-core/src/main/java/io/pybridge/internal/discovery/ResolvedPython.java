package io.pybridge.internal.discovery;

import io.pybridge.DiscoveryReport;
import io.pybridge.PythonRuntime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The interpreter discovery chose, with everything the loader needs to embed it.
 *
 * @param source           how it was chosen ({@code "environment variable VIRTUAL_ENV"})
 * @param candidate        the path that source named (a pyenv shim, a venv's {@code bin/python})
 * @param probe            what the interpreter said about itself
 * @param library          the shared libpython to open
 * @param home             the Python home to set; empty to let Python compute it from {@code programName}
 *                         as the real interpreter does (it then finds {@code pyvenv.cfg} and the
 *                         venv's site-packages by itself)
 * @param programName      the executable to give Python as its program name / {@code PyConfig.executable}:
 *                         the venv's own {@code python} for a venv, the real interpreter behind a shim
 * @param preloadLibraries shared libraries to open globally before libpython (the bundled runtime's openblas)
 * @param extraSysPath     directories to put on {@code sys.path} that Python will not find by itself:
 *                         the {@code PYTHONPATH} the bundled runtime was probed with, which the JVM's
 *                         own environment does not have
 * @param report           every candidate discovery considered
 */
public record ResolvedPython(String source, Path candidate, ProbeResult probe, Path library, Optional<Path> home,
                             Path programName, List<Path> preloadLibraries, List<Path> extraSysPath,
                             DiscoveryReport report) {

    public ResolvedPython {
        preloadLibraries = List.copyOf(preloadLibraries);
        extraSysPath = List.copyOf(extraSysPath);
    }

    /** This runtime with {@code report} as the account of the search that found it. */
    ResolvedPython withReport(DiscoveryReport report) {
        return new ResolvedPython(source, candidate, probe, library, home, programName, preloadLibraries,
                extraSysPath, report);
    }

    /** The public description of this runtime. */
    public PythonRuntime runtime() {
        return runtime(probe, library, source);
    }

    static PythonRuntime runtime(ProbeResult probe, Path library, String source) {
        return new PythonRuntime(probe.version(), probe.executable(), library, probe.basePrefix(), probe.prefix(),
                probe.build().gilDisabled(), source);
    }
}
