package io.pybridge.cli;

import io.pybridge.Python;
import io.pybridge.PythonRuntime;
import io.pybridge.internal.discovery.ResolvedPython;
import io.pybridge.internal.discovery.RuntimeDiscovery;
import io.pybridge.internal.discovery.RuntimeSurvey;
import io.pybridge.internal.runtime.JvmSignals;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pybridge doctor}: every Python candidate and what became of it, the chosen one started
 * in-process, numpy, the GPUs, and a one-line verdict.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
                "Shows which Python PyBridge embeds, and whether it works.",
                "",
                "Every candidate in the order considered, taken or refused and why (all are checked, the "
                        + "bundled runtime included, which may unpack it on first use); the chosen one's version, "
                        + "libpython, prefix and venv; the result of starting it in this process and importing "
                        + "numpy; the GPUs; a one-line verdict.",
                "",
                "Exits with 0 when a runtime serves and starts, 3 when none does."},
        sortOptions = false)
final class DoctorCommand implements Callable<Integer> {
    private static final String INDENT = "  ";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    RuntimeChoice runtime;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("PyBridge doctor: " + new PyBridgeCommand.Version().getVersion()[0] + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println();
        RuntimeSurvey survey = RuntimeDiscovery.standard().survey(RuntimeChoice.request(runtime));
        out.println("Python candidates, in the order considered:");
        out.print(survey.report().describe());
        out.println();

        String verdict;
        int status;
        Python started = null;
        if (survey.chosen().isPresent()) {
            ResolvedPython chosen = survey.chosen().get();
            out.println("Chosen: " + chosen.source());
            describe(out, chosen.runtime());
            Embedded embedded = startInProcess();
            started = embedded.python();
            out.println(field("in-process", embedded.started()));
            out.println(field("numpy", embedded.check() == null ? "not checked" : embedded.check().numpy()));
            out.println(field("signals", JvmSignals.describe()));
            status = embedded.check() == null ? ExitCodes.NO_RUNTIME : ExitCodes.OK;
            verdict = status == ExitCodes.OK
                    ? ready(chosen.runtime(), embedded.check())
                    : "no usable Python: " + chosen.source() + " was found but did not start in this process";
        } else {
            out.println("Chosen: none");
            out.println(INDENT + survey.problem().orElse("no runtime chosen"));
            out.println(INDENT + "To fix it:");
            for (String fix : survey.fixes()) {
                out.println(INDENT + "  - " + fix);
            }
            out.println(INDENT + "  - on this command line: " + RuntimeChoice.PYTHON_OPTION + " PATH, or "
                    + RuntimeChoice.BUNDLED_OPTION + " for the bundled CPython this command includes");
            status = ExitCodes.NO_RUNTIME;
            verdict = "no usable Python: " + survey.problem().orElse("none found");
        }
        out.println();
        out.println("GPU:");
        GpuLines.now(started).forEach(line -> out.println(INDENT + line));
        out.println();
        out.println("Verdict: " + verdict);
        return status;
    }

    private static void describe(PrintWriter out, PythonRuntime runtime) {
        out.println(field("version", runtime.version() + (runtime.freeThreaded() ? " (free-threaded)" : "")));
        out.println(field("executable", runtime.executable().toString()));
        out.println(field("libpython", runtime.library().toString()));
        out.println(field("prefix", runtime.prefix().toString()));
        out.println(field("venv", runtime.virtualEnv()
                .map(venv -> venv + " (base installation " + runtime.home() + ")").orElse("none")));
    }

    /** The interpreter started here, and what it said; {@code check} is null when it did not start. */
    private record Embedded(String started, EmbeddedCheck check, Python python) {
    }

    private Embedded startInProcess() {
        Python python;
        try {
            python = PythonSession.start(runtime, List.of());
        } catch (RuntimeException e) {
            return new Embedded("FAILED to start: " + Failures.describe(e), null, null);
        }
        try {
            EmbeddedCheck check = EmbeddedCheck.of(python);
            return new Embedded("started, sys.version " + check.sysVersion(), check, python);
        } catch (RuntimeException e) {
            return new Embedded("started, but FAILED to run Python code: " + Failures.describe(e), null, null);
        }
    }

    private static String ready(PythonRuntime runtime, EmbeddedCheck check) {
        return "ready: PyBridge embeds CPython " + runtime.version() + ", chosen by " + runtime.source() + ","
                + check.numpyVersion().map(v -> " with numpy " + v).orElse(" without numpy (numpy features need it)");
    }

    private static String field(String name, String value) {
        return INDENT + String.format("%-11s %s", name, value);
    }
}
