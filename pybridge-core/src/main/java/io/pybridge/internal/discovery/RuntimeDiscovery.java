package io.pybridge.internal.discovery;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.spi.BundledPython;
import io.pybridge.spi.BundledPythonProvider;

import io.pybridge.DiscoveryReport;
import io.pybridge.PythonRuntime;
import io.pybridge.RuntimeCandidate;
import io.pybridge.RuntimeCandidate.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Finds the Python to embed. Candidates are tried in the order {@link Leads} lists them; the first
 * one that is a CPython 3.11–3.14 of this JVM's word size with a shared libpython is taken. An
 * explicit choice (builder, {@code pybridge.python}, {@code PYBRIDGE_PYTHON}) that cannot serve
 * ends the search with a {@link PythonSetupException}; so does running out of candidates.
 * {@link #survey} makes the same choice but evaluates every candidate and never throws.
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
            List<BundledPythonProvider> providers = new ArrayList<>(1);
            for (BundledPythonProvider provider : ServiceLoader.load(BundledPythonProvider.class,
                    RuntimeDiscovery.class.getClassLoader())) {
                providers.add(provider);
            }
            return providers;
        } catch (ServiceConfigurationError e) {
            throw ApiErrors.setup("the bundled runtime's provider (module pybridge-python) could not be loaded: "
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
        Search search = search(request, false);
        if (search.interrupted() != null) {
            throw search.interrupted();
        }
        if (search.resolved().isEmpty()) {
            throw ApiErrors.setup(SetupAdvice.noRuntime(search.report(), search.failedExplicit()));
        }
        return search.resolved().get();
    }

    /**
     * Looks at every candidate, also past the one {@link #discover} would take, for a full picture
     * ({@code pybridge doctor}): {@code survey(request, true)}.
     */
    public RuntimeSurvey survey(DiscoveryRequest request) {
        return survey(request, true);
    }

    /**
     * Makes the same choice as {@link #discover}, but never throws: what would be an exception is in
     * the survey. With {@code everyCandidate}, the candidates after the one that decides are
     * evaluated too, and those that would also serve are reported as {@link Verdict#USABLE}; that
     * probes every interpreter and unpacks the bundled runtime, so it may take seconds. Without it,
     * they are left not reached, as {@code discover} leaves them.
     */
    public RuntimeSurvey survey(DiscoveryRequest request, boolean everyCandidate) {
        Search search;
        try {
            search = search(request, everyCandidate);
        } catch (RuntimeException e) {
            LOG.warn("The runtime survey failed unexpectedly", e);
            return new RuntimeSurvey(new DiscoveryReport(List.of()), Optional.empty(),
                    Optional.of("the runtime survey failed unexpectedly: " + e), List.of());
        }
        List<String> fixes = search.resolved().isPresent() ? List.of() : SetupAdvice.fixes(search.failedExplicit());
        Optional<String> problem;
        if (search.interrupted() != null) {
            problem = Optional.of(search.interrupted().getMessage());
        } else if (search.resolved().isEmpty()) {
            problem = Optional.of(SetupAdvice.summary(search.report(), search.failedExplicit()));
        } else {
            problem = Optional.empty();
        }
        return new RuntimeSurvey(search.report(), search.resolved(), problem, fixes);
    }

    /**
     * What one pass over the leads found.
     *
     * @param resolved       the interpreter taken, if any
     * @param failedExplicit the explicit choice that could not serve, if that ended the search
     * @param interrupted    set when the thread was interrupted while probing; the pass stopped there
     */
    private record Search(DiscoveryReport report, Optional<ResolvedPython> resolved, Optional<Lead> failedExplicit,
                          RuntimeException interrupted) {
    }

    /**
     * Evaluates the leads in order until one decides (it serves, or it was an explicit choice that
     * cannot serve); with {@code everyLead}, the rest are evaluated too instead of left unreached.
     */
    private Search search(DiscoveryRequest request, boolean everyLead) {
        List<Lead> leads = new Leads(host, providers).of(request);
        List<RuntimeCandidate> candidates = new ArrayList<>();
        ResolvedPython chosen = null;
        Lead failedExplicit = null;
        RuntimeException interrupted = null;
        for (Lead lead : leads) {
            boolean decided = chosen != null || failedExplicit != null;
            if (interrupted != null || (decided && !everyLead)) {
                candidates.add(new RuntimeCandidate(lead.source(), lead.reportedPath(), Verdict.NOT_REACHED, "",
                        Optional.empty()));
                continue;
            }
            Outcome outcome = everyLead ? evaluateSafely(lead) : evaluate(lead);
            RuntimeCandidate candidate = outcome.candidate();
            LOG.debug("{}", candidate.describe());
            if (outcome.interrupted() != null) {
                interrupted = outcome.interrupted();
            } else if (decided) {
                candidate = outcome.serves() ? new RuntimeCandidate(candidate.source(), candidate.path(),
                        Verdict.USABLE, candidate.reason(), candidate.runtime()) : candidate;
            } else if (outcome.serves()) {
                chosen = outcome.resolved();
            } else if (lead.explicit()) {
                failedExplicit = lead;
            } else {
                LOG.info("Python candidate refused, trying the next one: {}", candidate.describe());
            }
            candidates.add(candidate);
        }
        DiscoveryReport report = new DiscoveryReport(candidates);
        Optional<ResolvedPython> resolved = chosen == null ? Optional.empty() : Optional.of(chosen.withReport(report));
        return new Search(report, resolved, Optional.ofNullable(failedExplicit), interrupted);
    }

    /**
     * A candidate's entry in the report; for one that serves, its {@link ResolvedPython}, which gets the
     * report once every lead is in it; for a probe that was interrupted, the exception discovery throws.
     */
    private record Outcome(RuntimeCandidate candidate, ResolvedPython resolved, RuntimeException interrupted) {
        static Outcome refused(Lead lead, Path path, String reason) {
            return new Outcome(new RuntimeCandidate(lead.source(), path, Verdict.REFUSED, reason, Optional.empty()),
                    null, null);
        }

        boolean serves() {
            return resolved != null;
        }
    }

    /** {@link #evaluate}, turning a failure nobody foresaw into a refusal, so that a survey goes on. */
    private Outcome evaluateSafely(Lead lead) {
        try {
            return evaluate(lead);
        } catch (RuntimeException e) {
            LOG.warn("Evaluating the Python candidate {} failed unexpectedly", lead.source(), e);
            return Outcome.refused(lead, lead.reportedPath(), "evaluating it failed unexpectedly: " + e);
        }
    }

    /** An if-chain, not a type switch: see package-info. */
    private Outcome evaluate(Lead lead) {
        if (lead instanceof Lead.Executable executable) {
            return evaluate(lead, executable.path(), Map.of(), null);
        }
        if (lead instanceof Lead.Bundled bundled) {
            return evaluateBundled(bundled);
        }
        Lead.Unusable unusable = (Lead.Unusable) lead;
        return Outcome.refused(lead, unusable.path().orElse(null), unusable.reason());
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
                String message = "interrupted while probing " + path + " (" + lead.source() + ")";
                return new Outcome(Outcome.refused(lead, path, message).candidate(), null,
                        ApiErrors.setup(message, e));
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
        return new Outcome(candidate, new ResolvedPython(lead.source(), path, result, library, home,
                result.executable(), preload, extraSysPath, new DiscoveryReport(List.of())), null);
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
        List<Path> entries = new ArrayList<>();
        for (String entry : value.split(host.pathSeparator())) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
