package io.pybridge.internal.runtime;

import io.pybridge.DiscoveryReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The words for what is wrong with a candidate and how to fix it. */
final class SetupAdvice {

    private SetupAdvice() {
    }

    /** Why a probed interpreter cannot be embedded, or empty when it can. */
    static Optional<String> problem(ProbeResult probe, int jvmPointerBits) {
        if (!probe.implementation().equals("cpython")) {
            return Optional.of("not CPython but " + probe.implementation() + ": PyBridge embeds CPython's libpython");
        }
        Optional<String> version = SupportedVersions.problem(probe.version());
        if (version.isPresent()) {
            return version;
        }
        if (probe.pointerBits() != jvmPointerBits) {
            return Optional.of("a " + probe.pointerBits() + "-bit Python cannot be loaded into this "
                    + jvmPointerBits + "-bit JVM");
        }
        if (probe.library().found().isEmpty()) {
            return Optional.of(noSharedLibrary(probe));
        }
        return Optional.empty();
    }

    static String noSharedLibrary(ProbeResult probe) {
        String version = probe.version().major() + "." + probe.version().minor();
        String build = probe.build().sharedEnabled() ? "" : " (it is a static build, Py_ENABLE_SHARED=0)";
        return "Python " + probe.version() + " has no shared libpython" + build + "; looked in "
                + probe.library().describeSearch() + ". " + installHint(probe, version);
    }

    private static String installHint(ProbeResult probe, String version) {
        String where = probe.executable() + " " + probe.probed() + " " + probe.basePrefix();
        if (where.contains(".pyenv")) {
            return "Reinstall it with the shared library: env PYTHON_CONFIGURE_OPTS=--enable-shared pyenv install --force "
                    + probe.version();
        }
        if (probe.platform().equals("linux") && probe.basePrefix().equals(Path.of("/usr"))) {
            return "Install the distribution's package: Debian/Ubuntu 'apt-get install libpython" + version
                    + "', Fedora/RHEL 'dnf install python" + version + "-libs'";
        }
        if (probe.platform().equals("darwin")) {
            return "Use a framework build (the python.org installer or Homebrew), or configure with --enable-framework or --enable-shared";
        }
        return "Use a CPython built with --enable-shared (conda's and most distributions' are), "
                + "or add io.pybridge:pybridge-python for the bundled runtime";
    }

    /**
     * A failed probe of what looks like a venv interpreter: when its base interpreter is gone,
     * says so and how to recreate it; empty when that is not the trouble.
     */
    static Optional<String> deletedVenvBase(Path executable) {
        Optional<VenvConfig> venv = VenvConfig.find(executable);
        if (venv.isEmpty()) {
            return Optional.empty();
        }
        VenvConfig config = venv.get();
        boolean dangling = !Files.exists(executable) && Files.isSymbolicLink(executable);
        boolean homeGone = config.home().isPresent() && !Files.isDirectory(config.home().get());
        if (!dangling && !homeGone) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("virtual environment ").append(config.directory())
                .append(" whose base interpreter was deleted: ");
        if (dangling) {
            reason.append(SymlinkChain.describe(executable));
        }
        if (homeGone) {
            reason.append(dangling ? "; " : "").append("pyvenv.cfg says home = ").append(config.home().get())
                    .append(", which no longer exists");
        }
        String python = config.version()
                .map(v -> "python" + v.replaceFirst("^(\\d+\\.\\d+).*", "$1"))
                .orElse("python3");
        return Optional.of(reason.append(". Recreate it with an installed Python: ").append(python)
                .append(" -m venv --clear ").append(config.directory()).toString());
    }

    /** The message of the exception thrown when no candidate serves. */
    static String noRuntime(DiscoveryReport report, Optional<Lead> failedExplicit) {
        StringBuilder message = new StringBuilder();
        if (failedExplicit.isPresent()) {
            message.append("The Python chosen by ").append(failedExplicit.get().source())
                    .append(" cannot serve, and an explicit choice is not replaced by another Python.\n");
        } else {
            message.append("No usable Python found for PyBridge (it needs ").append(SupportedVersions.RANGE)
                    .append(" with a shared libpython).\n");
        }
        message.append("Candidates, in the order tried:\n").append(report.describe());
        message.append("To fix it:\n");
        if (failedExplicit.isPresent()) {
            message.append("  - fix or remove ").append(failedExplicit.get().source()).append('\n');
        }
        message.append("  - point PyBridge at a CPython ").append(SupportedVersions.RANGE.substring("CPython ".length()))
                .append(" with a shared libpython: -D").append(Leads.PROPERTY).append("=/path/to/python, the environment variable ")
                .append(Leads.ENVIRONMENT).append(", or Python.builder().executable(path)\n");
        message.append("  - or add the dependency io.pybridge:pybridge-python to use the bundled CPython (")
                .append(Leads.PROPERTY).append('=').append(Leads.BUNDLED).append(" or Python.builder().bundled() selects it)");
        return message.toString();
    }
}
