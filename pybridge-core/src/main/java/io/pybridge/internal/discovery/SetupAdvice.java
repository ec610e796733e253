package io.pybridge.internal.discovery;

import io.pybridge.DiscoveryReport;
import io.pybridge.RuntimeCandidate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        for (String fix : fixes(failedExplicit)) {
            message.append("  - ").append(fix).append('\n');
        }
        return message.toString().stripTrailing();
    }

    /** Why no candidate serves, in one line: the failed explicit choice and its reason, or that none serves. */
    static String summary(DiscoveryReport report, Optional<Lead> failedExplicit) {
        if (failedExplicit.isPresent()) {
            String source = failedExplicit.get().source();
            Optional<RuntimeCandidate> refused = report.candidates().stream()
                    .filter(c -> c.source().equals(source) && c.verdict() == RuntimeCandidate.Verdict.REFUSED)
                    .findFirst();
            String path = refused.map(RuntimeCandidate::path).map(p -> " (" + p + ")").orElse("");
            return "the Python chosen by " + source + path + " cannot serve: "
                    + refused.map(RuntimeCandidate::reason).orElse("refused");
        }
        int count = report.candidates().size();
        return "no usable Python found: " + (count == 1 ? "the one candidate" : "none of the " + count + " candidates")
                + " is a " + SupportedVersions.RANGE + " with a shared libpython";
    }

    /** What to do about it, one item each. */
    static List<String> fixes(Optional<Lead> failedExplicit) {
        List<String> fixes = new ArrayList<>();
        failedExplicit.ifPresent(lead -> fixes.add("fix or remove " + lead.source()));
        fixes.add("point PyBridge at a CPython " + SupportedVersions.RANGE.substring("CPython ".length())
                + " with a shared libpython: -D" + Leads.PROPERTY + "=/path/to/python, the environment variable "
                + Leads.ENVIRONMENT + ", or Python.builder().executable(path)");
        fixes.add("or add the dependency io.pybridge:pybridge-python to use the bundled CPython (" + Leads.PROPERTY
                + "=" + Leads.BUNDLED + " or Python.builder().bundled() selects it)");
        return fixes;
    }
}
