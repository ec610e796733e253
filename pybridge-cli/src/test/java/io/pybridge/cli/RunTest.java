package io.pybridge.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pybridge run} in this JVM, on the interpreter the in-process tests share. */
class RunTest {
    /** A module name no other test uses: the shared interpreter keeps imported modules. */
    private static final String MODULE = "cli_run_fixture";

    @TempDir
    static Path modules;

    @BeforeAll
    static void writeModule() throws IOException {
        Files.writeString(modules.resolve(MODULE + ".py"), """
                def describe(*args, **kwargs):
                    return {"args": list(args), "types": [type(a).__name__ for a in args], "kwargs": kwargs}

                def special():
                    return {"big": 2 ** 70, "nan": float("nan"), "-inf": float("-inf"), "bytes": b"hi",
                            "pair": (1, "a"), "set": {3}, "none": None, 7: "int key", "object": object()}

                def text():
                    return "plain text"

                def lone_surrogate():
                    return ["a\\udc80b", "\\U0001F600"]

                def nothing():
                    return None

                def steps(n, progress=None):
                    for i in range(1, n + 1):
                        progress(i, n, "step %d" % i)
                    return "did %d steps" % n

                def fail(value):
                    raise ValueError("bad input: " + repr(value))

                class Greeter:
                    @staticmethod
                    def greet(name, punctuation="!"):
                        return "hello " + name + punctuation
                """);
    }

    private static CliRun.Result run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "run";
        all[1] = "--path";
        all[2] = modules.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.inProcess(all);
    }

    private static void assertSucceeded(CliRun.Result result) {
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        assertEquals("", result.err(), result.toString());
    }

    @Test
    void positionalJsonAndKeywordArgumentsGiveAStructuredResult() {
        CliRun.Result result = run(MODULE + ":describe", "42", "2.5", "true", "null", "[1, \"x\"]", "{\"k\": [false]}",
                "hello world", "007", "\"42\"", "--kw", "limit=10", "--kw", "label=a=b", "--compact");
        assertSucceeded(result);
        assertEquals("{\"args\":[42,2.5,true,null,[1,\"x\"],{\"k\":[false]},\"hello world\",\"007\",\"42\"],"
                + "\"types\":[\"int\",\"float\",\"bool\",\"NoneType\",\"list\",\"dict\",\"str\",\"str\",\"str\"],"
                + "\"kwargs\":{\"limit\":10,\"label\":\"a=b\"}}\n", result.out());
    }

    @Test
    void progressPassesACallableThatReportsToJava() {
        CliRun.Result result = run(MODULE + ":steps", "3", "--progress");
        assertSucceeded(result);
        assertEquals("did 3 steps\n", result.out(), "the bar is not drawn when stderr is not a terminal");
        CliRun.Result without = run(MODULE + ":steps", "3");
        assertEquals(ExitCodes.PYTHON_ERROR, without.exitCode(), "without --progress the function gets None: " + without);
    }

    @Test
    void resultIsIndentedJsonByDefault() {
        CliRun.Result result = run(MODULE + ":describe", "1", "--kw", "x=[]");
        assertSucceeded(result);
        assertEquals("""
                {
                  "args": [
                    1
                  ],
                  "types": [
                    "int"
                  ],
                  "kwargs": {
                    "x": []
                  }
                }
                """, result.out());
    }

    @Test
    void valuesJsonCannotHoldAreWrittenAsDocumented() {
        CliRun.Result result = run(MODULE + ":special", "--compact");
        assertSucceeded(result);
        String out = result.out();
        assertTrue(out.startsWith("{\"big\":1180591620717411303424,\"nan\":\"NaN\",\"-inf\":\"-Infinity\","
                + "\"bytes\":\"aGk=\",\"pair\":[1,\"a\"],\"set\":[3],\"none\":null,\"7\":\"int key\","
                + "\"object\":\"<object object at 0x"), out);
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsWrittenAsTheirCharacter() {
        CliRun.Result result = run(MODULE + ":lone_surrogate", "--compact");
        assertSucceeded(result);
        assertEquals("[\"a\\udc80b\",\"\ud83d\ude00\"]\n", result.out());
    }

    @Test
    void stringResultIsPrintedAsItIsUnlessJsonIsAsked() {
        assertEquals("plain text\n", run(MODULE + ":text").out());
        assertEquals("\"plain text\"\n", run(MODULE + ":text", "--json").out());
        assertEquals("", run(MODULE + ":nothing").out());
        assertEquals("null\n", run(MODULE + ":nothing", "--json").out());
    }

    @Test
    void dottedTargetsReachMethodsAndSubmodules() {
        CliRun.Result method = run(MODULE + ":Greeter.greet", "world", "--kw", "punctuation=?");
        assertSucceeded(method);
        assertEquals("hello world?\n", method.out());
        CliRun.Result submodule = CliRun.inProcess("run", "os.path:join", "a", "b");
        assertSucceeded(submodule);
        assertEquals("a/b\n", submodule.out());
    }

    private static void assertPythonError(CliRun.Result result, String line) {
        assertEquals(ExitCodes.PYTHON_ERROR, result.exitCode(), result.toString());
        assertEquals(line + "\n", result.err(), "one line, no stack trace: " + result);
        assertEquals("", result.out(), result.toString());
    }

    @Test
    void missingModule() {
        assertPythonError(run("cli_no_such_module:f"), "pybridge run: ModuleNotFoundError: No module named "
                + "'cli_no_such_module' (not on sys.path: add the folder that holds it with --path DIR)");
    }

    @Test
    void missingFunction() {
        assertPythonError(run(MODULE + ":no_such_function"),
                "pybridge run: AttributeError: module '" + MODULE + "' has no attribute 'no_such_function'");
    }

    @Test
    void functionThatRaises() {
        assertPythonError(run(MODULE + ":fail", "[1, 2]"), "pybridge run: ValueError: bad input: [1, 2]");
    }

    @Test
    void verboseAddsTheTracebackAndTheStackTrace() {
        CliRun.Result result = run(MODULE + ":fail", "x", "--verbose");
        assertEquals(ExitCodes.PYTHON_ERROR, result.exitCode(), result.toString());
        String[] lines = result.err().split("\n");
        assertEquals("pybridge run: ValueError: bad input: 'x'", lines[0]);
        assertTrue(result.err().contains("Traceback (most recent call last):"), result.err());
        assertTrue(result.err().contains(MODULE + ".py\", line "), result.err());
        assertTrue(result.err().contains("at io.pybridge.cli.RunCommand"), result.err());
        assertFalse(result.out().contains("bad input"), result.toString());
    }
}
