package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * faulthandler, however it is turned on, must not take the JVM's SIGSEGV/SIGBUS/SIGFPE/SIGILL handlers:
 * each case enables it, then makes the JVM take the signals it relies on (implicit null checks in
 * JIT-compiled code, stack banging into StackOverflowError, implicit division checks) and must exit 0.
 * Without the bridge's replacement, faulthandler prints "Fatal Python error: Segmentation fault" and the
 * JVM aborts.
 */
class FaultHandlerTest {

    private static ChildJvm.Spec child(String mode, String caseName) {
        return ChildJvm.of(EnableThenFault.class).name(caseName).args(mode)
                .jvmOption("-XX:-BackgroundCompilation");
    }

    private static void assertSurvived(ChildJvm.Result result, String enabledLine) {
        result.assertSucceeded();
        String out = result.output();
        assertTrue(out.contains(enabledLine), result.name() + "\n" + out);
        assertTrue(out.contains("implicit null checks survived: 300"), result.name() + "\n" + out);
        assertTrue(out.contains("stack overflow survived: true"), result.name() + "\n" + out);
        assertTrue(out.contains("JVM still runs after close"), result.name() + "\n" + out);
    }

    @Test
    void enableCalledFromPythonLeavesTheJvmItsSignals() {
        ChildJvm.Result result = child("call", "faulthandler.enable() called").run();
        assertSurvived(result, "faulthandler.is_enabled() after enable(): True");
        String out = result.output();
        assertTrue(out.contains("enable(file=-1): ValueError"), out);
        assertTrue(out.contains("enable(file=object()): AttributeError"), out);
        assertTrue(out.contains("disable() twice: True False is_enabled(): False"), out);
        assertTrue(out.contains("enable(fd, all_threads=False) then is_enabled(): True"), out);
        assertTrue(out.contains("dump_traceback wrote a traceback: True"), out);
    }

    @Test
    void pythonFaultHandlerVariableLeavesTheJvmItsSignals() {
        ChildJvm.Result result = child("environment", "PYTHONFAULTHANDLER=1").env("PYTHONFAULTHANDLER", "1").run();
        assertSurvived(result, "faulthandler.is_enabled() at start: True");
        assertTrue(result.output().contains("os.environ['PYTHONFAULTHANDLER']: '1'"), result.output());
    }

    @Test
    void developmentModeLeavesTheJvmItsSignals() {
        ChildJvm.Result result = child("environment", "PYTHONDEVMODE=1").env("PYTHONDEVMODE", "1").run();
        assertSurvived(result, "faulthandler.is_enabled() at start: True");
    }

    @Test
    void pytestLeavesTheJvmItsSignals() {
        ChildJvm.Result result = child("pytest", "faulthandler under pytest").run();
        assertSurvived(result, "faulthandler.is_enabled() inside the test session: True");
    }

    @Test
    void aHandlerReplacedThroughCtypesIsReportedAndRestoredAtClose() {
        ChildJvm.Result result = ChildJvm.of(ReplaceThroughCtypes.class).name("SIGFPE replaced through ctypes")
                .jvmOption("-XX:-BackgroundCompilation").run();
        result.assertSucceeded();
        String out = result.output();
        assertTrue(out.contains("while Python ran: the handlers of [SIGFPE] were replaced"), out);
        assertTrue(out.contains("after close: the JVM's handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT"), out);
        assertTrue(out.contains("divisions by zero survived: 300"), out);
    }

    // --- what the children do --------------------------------------------------------------------

    private static volatile Object sink;

    private static int hashOf(Object value) {
        return value.hashCode();
    }

    private static int quotient(int a, int b) {
        return a / b;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** NullPointerExceptions from JIT-compiled code, which the JVM detects by SIGSEGV; returns how many. */
    static int implicitNullChecks() {
        int caught = 0;
        for (int i = 0; i < 300_000; i++) {
            try {
                sink = hashOf(i % 1000 == 999 ? null : Integer.valueOf(i));
            } catch (NullPointerException e) {
                caught++;
            }
        }
        return caught;
    }

    /** ArithmeticExceptions from JIT-compiled code, which the JVM detects by SIGFPE on x86-64. */
    static int divisionsByZero() {
        int caught = 0;
        for (int i = 0; i < 300_000; i++) {
            try {
                sink = quotient(i, i % 1000 == 999 ? 0 : 7);
            } catch (ArithmeticException e) {
                caught++;
            }
        }
        return caught;
    }

    static boolean stackOverflow() {
        try {
            recurse(0);
            return false;
        } catch (StackOverflowError e) {
            return true;
        }
    }

    static void provoke() {
        System.out.println("implicit null checks survived: " + implicitNullChecks());
        System.out.println("stack overflow survived: " + stackOverflow());
    }

    public static final class EnableThenFault {
        public static void main(String[] args) throws Exception {
            Python python = Python.start();
            String mode = args[0];
            python.withGil(py -> {
                switch (mode) {
                    case "call" -> enableByCall(py);
                    case "environment" -> {
                        System.out.println("faulthandler.is_enabled() at start: "
                                + py.eval("__import__('faulthandler').is_enabled()").repr());
                        System.out.println("os.environ['PYTHONFAULTHANDLER']: "
                                + py.eval("__import__('os').environ.get('PYTHONFAULTHANDLER')").repr());
                    }
                    case "pytest" -> underPytest(py);
                    default -> throw new IllegalArgumentException(mode);
                }
                return null;
            });
            provoke();
            Thread other = Thread.ofPlatform().start(FaultHandlerTest::provoke);
            other.join();
            python.close();
            provoke();
            System.out.println("JVM still runs after close");
        }

        private static void enableByCall(Py py) {
            py.exec("""
                    import faulthandler, os, sys, tempfile
                    faulthandler.enable()
                    print('faulthandler.is_enabled() after enable():', faulthandler.is_enabled())
                    for bad in ('-1', 'object()'):
                        try:
                            faulthandler.enable(file=eval(bad))
                        except Exception as e:
                            print(f'enable(file={bad}):', type(e).__name__)
                    print('disable() twice:', faulthandler.disable(), faulthandler.disable(),
                          'is_enabled():', faulthandler.is_enabled())
                    with tempfile.TemporaryFile() as log:
                        faulthandler.enable(log.fileno(), all_threads=False)
                        print('enable(fd, all_threads=False) then is_enabled():', faulthandler.is_enabled())
                        faulthandler.dump_traceback(log)
                        log.seek(0)
                        print('dump_traceback wrote a traceback:', b'File' in log.read())
                    faulthandler.enable()
                    sys.stdout.flush()
                    """);
        }

        /** pytest's faulthandler plugin, in a real pytest session where pytest is installed. */
        private static void underPytest(Py py) {
            try (PyObject main = py.importModule("__main__")) {
                main.setAttr("provoke_jvm_faults", (Runnable) FaultHandlerTest::provoke);
            }
            boolean hasPytest = py.eval("__import__('importlib.util').util.find_spec('pytest') is not None").as(Boolean.class);
            if (hasPytest) {
                Path dir = temporaryFolder();
                writeString(dir.resolve("test_inside_jvm.py"), """
                        import __main__, faulthandler, sys

                        def test_jvm_faults_while_pytest_has_faulthandler_on():
                            print('faulthandler.is_enabled() inside the test session:', faulthandler.is_enabled())
                            sys.stdout.flush()
                            __main__.provoke_jvm_faults()
                        """);
                py.exec("import pytest\ncode = pytest.main(['-q', '-s', '-p', 'no:cacheprovider', r'" + dir + "'])\n"
                        + "assert code == 0, code");
                System.out.println("ran under pytest " + py.eval("__import__('pytest').__version__").as(String.class));
            } else {
                // What pytest's faulthandler plugin does around a session, where pytest is not installed.
                py.exec("""
                        import __main__, faulthandler, os, sys
                        fd = os.dup(sys.stderr.fileno())
                        faulthandler.enable(file=fd)
                        faulthandler.dump_traceback_later(600, file=fd)
                        print('faulthandler.is_enabled() inside the test session:', faulthandler.is_enabled())
                        sys.stdout.flush()
                        __main__.provoke_jvm_faults()
                        faulthandler.cancel_dump_traceback_later()
                        faulthandler.disable()
                        os.close(fd)
                        """);
                System.out.println("pytest is not installed: ran pytest's faulthandler calls");
            }
        }
    }

    public static final class ReplaceThroughCtypes {
        public static void main(String[] args) {
            Python python = Python.start();
            python.withGil(py -> {
                py.exec("import ctypes, signal\nctypes.CDLL(None).signal(int(signal.SIGFPE), ctypes.c_void_p(0))");
                return null;
            });
            python.close();
            System.out.println("after close: " + io.pybridge.internal.runtime.JvmSignals.describe());
            System.out.println("divisions by zero survived: " + divisionsByZero());
        }
    }

    private static Path temporaryFolder() {
        try {
            Path dir = Files.createTempDirectory("pybridge-pytest");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
