package io.pybridge.cli;

import io.pybridge.Py;
import io.pybridge.PyObject;
import io.pybridge.ml.TerminalProgressBar;
import io.pybridge.Python;
import io.pybridge.PythonImportException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pybridge run module:function [args...]}: calls one Python function in-process and prints its result. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Calls a Python function in-process and prints what it returns.",
                "",
                "Each ARG (and each --kw value) that is one JSON value is passed as that value: 42 is an int, "
                        + "2.5 a float, true/false/null are True/False/None, [1,2] a list, {\"a\":1} a dict, "
                        + "'\"42\"' the string 42. Any other word is passed as a string, as it is.",
                "",
                "A string result is printed as it is, None prints nothing, anything else is printed as JSON: "
                        + "dict -> object, list/tuple/set -> array, int (any size) and float -> number, "
                        + "NaN/inf -> the strings \"NaN\"/\"Infinity\"/\"-Infinity\", bytes -> base64 string, "
                        + "any other object -> the string of its repr()."},
        footer = {"", "Examples:",
                "  pybridge run platform:python_version",
                "  pybridge run math:gcd 12 18",
                "  pybridge run json:dumps '{\"b\": [1, 2.5, null]}' --kw indent=2",
                "  pybridge run --path python tools.report:Report.summarize data.csv --kw limit=10"},
        sortOptions = false)
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODULE:FUNCTION",
            description = "What to call: json:dumps, os.path:join, package.module:Class.method.")
    String target;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Positional arguments (JSON if they parse, else strings).")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--kw", paramLabel = "NAME=VALUE",
            description = "A keyword argument (JSON if the value parses, else a string); repeatable.")
    Map<String, String> keywords = new LinkedHashMap<>();

    @Option(names = "--path", paramLabel = "DIR",
            description = "A folder to put in front of sys.path, where the module is found; repeatable.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print every result as JSON: a string quoted, None as null.")
    boolean json;

    @Option(names = "--compact", description = "Print JSON on one line instead of indented.")
    boolean compact;

    @Option(names = "--progress", description = {"Pass the keyword argument progress=callable(done, total, message='')",
            "and show what the function reports as a progress bar on stderr (drawn only on a terminal)."})
    boolean progress;

    @ArgGroup(exclusive = true)
    RuntimeChoice runtime;

    @Override
    public Integer call() {
        CallTarget function = parseTarget();
        for (String name : keywords.keySet()) {
            if (!CallTarget.isIdentifier(name)) {
                throw new ParameterException(spec.commandLine(), "--kw " + name + "=...: '" + name
                        + "' is not a Python identifier");
            }
        }
        for (Path dir : paths) {
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "--path " + dir + ": not a directory");
            }
        }
        Object[] positional = ArgumentValues.positional(arguments);
        Map<String, Object> keywordValues = ArgumentValues.keywords(keywords);

        Python python = PythonSession.start(runtime, paths);
        String printed;
        try (TerminalProgressBar bar = new TerminalProgressBar(System.err, function.toString(), progress)) {
            printed = python.withGil(py -> {
                try (PyObject callback = progress ? bar.toPython(py) : null) {
                    if (callback != null) {
                        keywordValues.put("progress", callback);
                    }
                    return callAndRender(py, function, positional, keywordValues);
                } finally {
                    PythonStreams.flush(py);
                }
            });
        }
        if (printed != null) {
            spec.commandLine().getOut().println(printed);
        }
        return ExitCodes.OK;
    }

    private CallTarget parseTarget() {
        try {
            return CallTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String callAndRender(Py py, CallTarget function, Object[] positional, Map<String, Object> keywordValues) {
        try (PyObject callable = resolve(py, function);
             PyObject result = keywordValues.isEmpty()
                     ? callable.call(positional) : callable.callKw(keywordValues, positional)) {
            Object value = result.as(Object.class);
            try {
                return render(value, json, compact);
            } finally {
                if (value instanceof PyObject object) {
                    object.close();
                }
            }
        }
    }

    private PyObject resolve(Py py, CallTarget function) {
        try {
            return function.resolve(py);
        } catch (PythonImportException e) {
            if ("ModuleNotFoundError".equals(e.pythonType())) {
                throw new CliFailure(ExitCodes.PYTHON_ERROR, Failures.pythonLine(e)
                        + " (not on sys.path: add the folder that holds it with --path DIR)", e);
            }
            throw e;
        }
    }

    /** What is printed for a result: see the command's description. {@code null} prints nothing. */
    static String render(Object value, boolean json, boolean compact) {
        if (!json && value instanceof String text) {
            return text;
        }
        if (!json && value == null) {
            return null;
        }
        return ResultJson.write(value, !compact);
    }
}
