package io.pybridge.internal.runtime;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonVersion;
import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The interpreter comes out the same whichever initialization API the running Python has: PEP 741's
 * {@code PyInitConfig} (3.14+) or the legacy {@code Py_SetPythonHome}/{@code Py_InitializeEx(0)} (3.11–3.13).
 */
class InitializationTest {

    @Test
    void theInitConfigApiIsUsedWhereThePythonHasIt() {
        Python python = Python.start();
        PythonVersion version = python.runtime().version();
        InterpreterConfiguration.Api expected = version.atLeast(3, 14)
                ? InterpreterConfiguration.Api.INIT_CONFIG : InterpreterConfiguration.Api.LEGACY;
        assertEquals(expected, InterpreterConfiguration.used().orElseThrow(), "CPython " + version);
    }

    @Test
    void theInterpreterIsConfiguredAsAnEmbedderNeedsOnEveryPath() {
        Python python = Python.start();
        String state = python.withGil(py -> {
            try (PyObject result = py.eval("""
                    (lambda sys, signal, faulthandler, os: repr((
                        sys.argv,
                        sys.flags.isolated, sys.flags.ignore_environment, sys.flags.no_site,
                        faulthandler.is_enabled(),
                        signal.getsignal(signal.SIGPIPE) is signal.SIG_IGN,
                        signal.getsignal(signal.SIGINT) is signal.default_int_handler)))(
                        __import__('sys'), __import__('signal'), __import__('faulthandler'), __import__('os'))""")) {
                return result.as(String.class);
            }
        });
        // sys.argv as standalone Python has it with no script; environment and site on; no faulthandler;
        // Python's signal handlers not installed (SIGPIPE would be ignored, SIGINT raise KeyboardInterrupt).
        String expected = "([''], 0, 0, 0, False, False, False)";
        assertEquals(expected, state, "on " + python.runtime().version() + " through " + InterpreterConfiguration.used());
    }

    @Test
    void theEnvironmentConfiguresItAsItConfiguresStandalonePython() {
        ChildJvm.Result result = ChildJvm.of(ReportConfiguration.class)
                .name("PYTHONDEVMODE=1 PYTHONHASHSEED=0 PYTHONINTMAXSTRDIGITS=5000 LC_ALL=C")
                .env("LC_ALL", "C").env("LANG", null).env("LC_CTYPE", null)
                .env("PYTHONDEVMODE", "1").env("PYTHONHASHSEED", "0").env("PYTHONINTMAXSTRDIGITS", "5000")
                .run().assertSucceeded();
        List<String> lines = result.output().lines().filter(l -> l.startsWith("state ")).toList();
        assertEquals(1, lines.size(), result.output());
        String[] state = lines.getFirst().split(" ");
        // What standalone Python reads from these variables, on both paths (PEP 741's isolated defaults would
        // ignore them). Under LC_ALL=C, python3 turns UTF-8 mode on and does not coerce LC_CTYPE (LC_ALL wins):
        // StandaloneLocale decides that for both paths, and the PEP 741 path must pass it on, since that
        // configuration ignores the Py_UTF8Mode global the legacy path reads.
        assertEquals(List.of("dev_mode=True", "hash_randomization=0", "int_max_str_digits=5000", "LC_CTYPE=None",
                "utf8_mode=1"), List.of(state).subList(2, 7), result.output());
    }

    /** Prints how the interpreter was initialized and what the environment variables did to it. */
    public static final class ReportConfiguration {
        public static void main(String[] args) {
            Python python = Python.start();
            String state = python.withGil(py -> {
                try (PyObject result = py.eval("""
                        (lambda sys, os: 'dev_mode=%s hash_randomization=%d int_max_str_digits=%d LC_CTYPE=%s utf8_mode=%d' % (
                            sys.flags.dev_mode, sys.flags.hash_randomization, sys.flags.int_max_str_digits,
                            os.environ.get('LC_CTYPE'), sys.flags.utf8_mode))(__import__('sys'), __import__('os'))""")) {
                    return result.as(String.class);
                }
            });
            System.out.println("state " + InterpreterConfiguration.used().orElseThrow() + " " + state);
        }
    }
}
