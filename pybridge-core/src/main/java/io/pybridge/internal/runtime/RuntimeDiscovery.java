package io.pybridge.internal.runtime;

import io.pybridge.DiscoveryReport;
import io.pybridge.PythonRuntime;
import io.pybridge.PythonSetupException;
import io.pybridge.RuntimeCandidate;
import io.pybridge.RuntimeCandidate.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds the Python to embed. Candidates are tried in the order {@link Leads} lists them; the first
 * one that is a CPython 3.11–3.14 of this JVM's word size with a shared libpython is taken. An
 * explicit choice (builder, {@code pybridge.python}, {@code PYBRIDGE_PYTHON}) that cannot serve
 * ends the search with a {@link PythonSetupException}; so does running out of candidates.
 */
public final class RuntimeDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeDiscovery.class);
    private static final int JVM_POINTER_BITS = (int) ValueLayout.ADDRESS.byteSize() * 8;

    private final Host host;
    private final PythonProbe probe;
    private final Supplier<List<BundledPythonProvider>> providers;

    public RuntimeDiscovery(Host host, PythonProbe probe, Supplier<List<BundledPythonProvider>> providers) {
        this.host = host;
        this.probe = probe;
        this.providers = providers;
    }

    /** Discovery in this JVM: its environment and properties, the standard probe, providers from {@link ServiceLoader}. */
    public static RuntimeDiscovery standard() {
        return new RuntimeDiscovery(Host.current(), PythonProbe.standard(), RuntimeDiscovery::serviceProviders);
    }

    private static List<BundledPythonProvider> serviceProviders() {
        try {
            return ServiceLoader.load(BundledPythonProvider.class, RuntimeDiscovery.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new PythonSetupException("the bundled runtime's provider (module pybridge-python) could not be loaded: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Finds the interpreter to embed.
     *
     * @throws PythonSetupException when none serves, or an explicit choice does not; the message
     *                              lists every candidate tried, why each was refused, and what to do
     */
    public ResolvedPython discover(DiscoveryRequest request) {
        List<Lead> leads = new Leads(host, providers.get()).of(request);
        List<RuntimeCandidate> candidates = new ArrayList<>();
        Function<DiscoveryReport, ResolvedPython> chosen = null;
        Lead failedExplicit = null;
        for (Lead lead : leads) {
            if (chosen != null || failedExplicit != null) {
                candidates.add(new RuntimeCandidate(lead.source(), pathOf(lead), Verdict.NOT_REACHED, "",
                        Optional.empty()));
                continue;
            }
            Outcome outcome = evaluate(lead);
            candidates.add(outcome.candidate());
            LOG.debug("{}", outcome.candidate().describe());
            if (outcome.resolve() != null) {
                chosen = outcome.resolve();
            } else if (lead.explicit()) {
                failedExplicit = lead;
            } else {
                LOG.info("Python candidate refused, trying the next one: {}", outcome.candidate().describe());
            }
        }
        DiscoveryReport report = new DiscoveryReport(candidates);
        if (chosen == null) {
            throw new PythonSetupException(SetupAdvice.noRuntime(report, Optional.ofNullable(failedExplicit)));
        }
        return chosen.apply(report);
    }

    /** A candidate's entry in the report, and for a taken one, how to finish its {@link ResolvedPython}. */
    private record Outcome(RuntimeCandidate candidate, Function<DiscoveryReport, ResolvedPython> resolve) {
        static Outcome refused(Lead lead, Path path, String reason) {
            return new Outcome(new RuntimeCandidate(lead.source(), path, Verdict.REFUSED, reason, Optional.empty()), null);
        }
    }

    private Outcome evaluate(Lead lead) {
        return switch (lead) {
            case Lead.Executable executable -> evaluate(lead, executable.path(), Map.of(), null);
            case Lead.Bundled bundled -> evaluateBundled(bundled);
        };
    }

    private Outcome evaluateBundled(Lead.Bundled lead) {
        if (lead.provider().isEmpty()) {
            return Outcome.refused(lead, null, "io.pybridge:pybridge-python is not on the class path");
        }
        BundledPython bundled;
        try {
            bundled = lead.provider().get().unpack();
        } catch (IOException | RuntimeException e) {
            return Outcome.refused(lead, null, "could not be unpacked: " + e.getMessage());
        }
        return evaluate(lead, bundled.executable(), bundled.probeEnvironment(), bundled);
    }

    private Outcome evaluate(Lead lead, Path path, Map<String, String> probeEnvironment, BundledPython bundled) {
        ProbeResult result;
        try {
            result = probe.probe(path, probeEnvironment);
        } catch (ProbeException e) {
            if (e.kind() == ProbeException.Kind.INTERRUPTED) {
                throw new PythonSetupException("interrupted while probing " + path + " (" + lead.source() + ")", e);
            }
            return Outcome.refused(lead, path, explain(e, path));
        }
        Optional<String> problem = SetupAdvice.problem(result, JVM_POINTER_BITS);
        if (problem.isPresent()) {
            return Outcome.refused(lead, path, problem.get());
        }
        Path library = result.library().found().orElseThrow();
        Optional<Path> home = bundled == null ? Optional.empty() : Optional.of(bundled.home());
        List<Path> preload = bundled == null ? List.of() : bundled.preloadLibraries();
        List<Path> extraSysPath = pythonPath(probeEnvironment);
        PythonRuntime runtime = ResolvedPython.runtime(result, library, lead.source());
        String taken = "CPython " + result.version() + (result.build().gilDisabled() ? " (free-threaded)" : "")
                + ", libpython " + library
                + (result.virtualEnv() ? ", virtual environment " + result.prefix() : "")
                + (bundled == null ? "" : ", " + bundled.description());
        RuntimeCandidate candidate = new RuntimeCandidate(lead.source(), path, Verdict.TAKEN, taken, Optional.of(runtime));
        return new Outcome(candidate, report -> new ResolvedPython(lead.source(), path, result, library, home,
                result.executable(), preload, extraSysPath, report));
    }

    /** The reason for a failed probe, naming a deleted venv base where that is the cause. */
    private static String explain(ProbeException e, Path path) {
        return switch (e.kind()) {
            case DANGLING_LINK, FAILED, NOT_PYTHON -> SetupAdvice.deletedVenvBase(path).orElse(e.getMessage());
            default -> e.getMessage();
        };
    }

    /** The {@code PYTHONPATH} a bundled runtime is probed with: the embedded interpreter must get it too. */
    private List<Path> pythonPath(Map<String, String> probeEnvironment) {
        String value = probeEnvironment.getOrDefault("PYTHONPATH", "");
        return Arrays.stream(value.split(host.pathSeparator())).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static Path pathOf(Lead lead) {
        return lead instanceof Lead.Executable executable ? executable.path() : null;
    }
}
