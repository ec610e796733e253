package io.pybridge.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command-line mistakes: exit status 2 and one line on stderr, before any Python is started. */
class UsageTest {

    private static void assertUsageError(CliRun.Result result, String expected) {
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(result.err().contains(expected), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertEquals("", result.out(), result.toString());
    }

    @Test
    void noCommand() {
        assertUsageError(CliRun.inProcess(), "pybridge: a command is missing: doctor, run or bench");
    }

    @Test
    void unknownCommand() {
        assertUsageError(CliRun.inProcess("frob"), "pybridge: unknown command 'frob': the commands are doctor, run, bench");
    }

    @Test
    void runWithoutTarget() {
        assertUsageError(CliRun.inProcess("run"), "pybridge run: Missing required parameter: 'MODULE:FUNCTION'");
    }

    @Test
    void targetWithoutColon() {
        assertUsageError(CliRun.inProcess("run", "json.dumps", "1"), "'json.dumps' is not MODULE:FUNCTION");
    }

    @Test
    void targetWithAnEmptyPart() {
        assertUsageError(CliRun.inProcess("run", "json:", "1"), "the function '' is not a dotted Python name");
        assertUsageError(CliRun.inProcess("run", "os..path:join"), "the module 'os..path' is not a dotted Python name");
    }

    @Test
    void keywordWithoutValueOrWithABadName() {
        assertUsageError(CliRun.inProcess("run", "json:dumps", "--kw", "indent"), "should be in KEY=VALUE format");
        assertUsageError(CliRun.inProcess("run", "json:dumps", "--kw", "1x=2"), "'1x' is not a Python identifier");
    }

    @Test
    void pathThatIsNotADirectory() {
        assertUsageError(CliRun.inProcess("run", "json:dumps", "1", "--path", "/nonexistent/dir"),
                "--path /nonexistent/dir: not a directory");
    }

    @Test
    void pythonAndBundledTogether() {
        assertUsageError(CliRun.inProcess("doctor", "--python", "/usr/bin/python3", "--bundled"),
                "pybridge doctor: --python=PATH, --bundled are mutually exclusive");
    }

    @Test
    void benchCountMustBePositive() {
        assertUsageError(CliRun.inProcess("bench", "--count", "0"), "--count and --rounds must be at least 1");
    }

    @Test
    void helpListsTheExitCodes() {
        for (String command : new String[]{"doctor", "run", "bench"}) {
            CliRun.Result result = CliRun.inProcess(command, "--help");
            assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
            assertTrue(result.out().contains("Exit codes:"), result.out());
            for (String line : new String[]{"0   success", "1   the Python code raised an exception",
                    "2   usage error", "3   no usable Python runtime"}) {
                assertTrue(result.out().contains(line), command + " help lacks '" + line + "':\n" + result.out());
            }
        }
        assertTrue(CliRun.inProcess("bench", "--help").out().contains("benchmarks/run.sh"));
        assertTrue(CliRun.inProcess("--help").out().contains("doctor"));
    }
}
