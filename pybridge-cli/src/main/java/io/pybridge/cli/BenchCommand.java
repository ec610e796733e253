package io.pybridge.cli;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonRuntime;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongUnaryOperator;

/** {@code pybridge bench}: a quick in-process check of what the bridge's basic operations cost here. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "A quick check of what the bridge's basic operations cost here.",
                "",
                "Measured in this process, in ns per operation: taking and releasing the GIL, calling a "
                        + "builtin, a string round trip.",
                "",
                "This is a sanity check, not a benchmark: one JVM, a warm-up round and a few timed rounds, "
                        + "no baseline. For figures worth quoting, measured as ratios against the same work "
                        + "done through the CPython C API in the same run, use benchmarks/run.sh "
                        + "(see benchmarks/README.md)."},
        sortOptions = false)
final class BenchCommand implements Callable<Integer> {
    private static final String TEXT = "PyBridge string round trip, 32c.";

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "200000",
            description = "Operations per timed round (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Timed rounds after the warm-up round; the median and the best are shown (default: ${DEFAULT-VALUE}).")
    int rounds;

    @ArgGroup(exclusive = true)
    RuntimeChoice runtime;

    /** One measured operation: what it is, and a round of {@code n} of them. */
    private record Operation(String label, LongUnaryOperator round) {
    }

    @Override
    public Integer call() {
        if (count < 1 || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--count and --rounds must be at least 1");
        }
        Python python = PythonSession.start(runtime, List.of());
        PythonRuntime info = python.runtime();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Quick check, not a benchmark: " + rounds + " rounds of " + count
                + " operations after a warm-up round, in this JVM; median (best) per operation.");
        out.println("For figures worth quoting (ratios against the CPython C API, same run): benchmarks/run.sh");
        out.println("Python " + info.version() + ", " + info.library());
        out.println();
        for (Operation operation : operations(python)) {
            QuickBench.Result result = QuickBench.measure(count, rounds, operation.round());
            out.println(String.format(Locale.ROOT, "  %-48s %8.1f ns/op  (best %.1f)",
                    operation.label(), result.median(), result.best()));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static List<Operation> operations(Python python) {
        return List.of(
                new Operation("withGil, empty body", n -> {
                    long sink = 0;
                    for (long i = 0; i < n; i++) {
                        sink += python.withGil(py -> 1);
                    }
                    return sink;
                }),
                new Operation("call builtin abs(-7) -> long (GIL held)", n -> python.withGil(py -> {
                    long sink = 0;
                    try (PyObject builtins = py.importModule("builtins"); PyObject abs = builtins.getAttr("abs")) {
                        for (long i = 0; i < n; i++) {
                            try (PyObject result = abs.call(-7L)) {
                                sink += result.as(Long.class);
                            }
                        }
                    }
                    return sink;
                })),
                new Operation("str round trip, 32 chars (GIL held)", n -> python.withGil(py -> {
                    long sink = 0;
                    for (long i = 0; i < n; i++) {
                        try (PyObject text = py.toPython(TEXT)) {
                            sink += text.as(String.class).length();
                        }
                    }
                    return sink;
                })));
    }
}
