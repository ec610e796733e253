package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorTest {
    private static Python python;

    @BeforeAll
    static void define() {
        python = Python.start();
        python.withGil(py -> {
            py.exec("""
                    class AppError(Exception):
                        pass
                    def inner():
                        raise ValueError('bad value')
                    def outer():
                        inner()
                    def wrapped():
                        try:
                            inner()
                        except ValueError as e:
                            raise AppError('wrapped it') from e
                    def during():
                        try:
                            inner()
                        except ValueError:
                            raise KeyError('while handling')
                    def suppressed():
                        try:
                            inner()
                        except ValueError:
                            raise AppError('clean') from None
                    """);
            return null;
        });
    }

    private PythonException failureOf(String expression) {
        return assertThrows(PythonException.class, () -> python.withGil(py -> py.eval(expression)));
    }

    @Test
    void typeMessageAndTraceback() {
        PythonException e = failureOf("outer()");
        assertInstanceOf(PythonExecutionException.class, e);
        assertEquals("ValueError", e.pythonType());
        assertEquals("bad value", e.pythonMessage());
        assertEquals("ValueError: bad value", e.getMessage());
        String traceback = e.pythonTraceback();
        assertTrue(traceback.startsWith("Traceback (most recent call last):"), traceback);
        assertTrue(traceback.contains("in outer") && traceback.contains("in inner"), traceback);
        assertTrue(traceback.endsWith("ValueError: bad value\n"), traceback);
        assertTrue(e.pythonException().isPresent());
    }

    @Test
    void pythonFramesLeadTheJavaStackTrace() {
        StackTraceElement[] trace = failureOf("outer()").getStackTrace();
        assertEquals("python.__main__", trace[0].getClassName());
        assertEquals("inner", trace[0].getMethodName());
        assertEquals("<pybridge exec>", trace[0].getFileName());
        assertTrue(trace[0].getLineNumber() > 0);
        assertEquals("outer", trace[1].getMethodName());
        assertTrue(Arrays.stream(trace).anyMatch(f -> f.getClassName().equals(ErrorTest.class.getName())),
                "the Java frames follow");
    }

    @Test
    void theJavaFramesBeginWithTheCallNotWithTheBridgeMakingTheException() {
        PythonException wrapped = failureOf("wrapped()");
        for (Throwable link : List.of(wrapped, wrapped.getCause())) {
            StackTraceElement[] trace = link.getStackTrace();
            long python = Arrays.stream(trace).takeWhile(f -> f.getClassName().startsWith("python.")).count();
            assertTrue(python > 0 && python < trace.length, top(trace));
            assertTrue(Arrays.stream(trace).noneMatch(ErrorTest::makesExceptions), top(trace));
        }
        try (PyObject inner = python.withGil(py -> py.eval("inner"))) {
            StackTraceElement[] trace = assertThrows(PythonException.class, inner::call).getStackTrace();
            assertEquals("inner", trace[0].getMethodName(), top(trace));
            assertEquals("io.pybridge.internal.convert.PythonCalls", trace[1].getClassName(),
                    "the frame under Python's is the downcall that ran it: " + top(trace));
        }
        PythonConversionException conversion = assertThrows(PythonConversionException.class,
                () -> python.withGil(py -> {
                    try (PyObject text = py.eval("'text'")) {
                        return text.as(Integer.class);
                    }
                }));
        StackTraceElement[] trace = conversion.getStackTrace();
        assertTrue(trace.length > 0 && Arrays.stream(trace).noneMatch(ErrorTest::makesExceptions), top(trace));
    }

    private static String top(StackTraceElement[] trace) {
        return Arrays.stream(trace).limit(12).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static boolean makesExceptions(StackTraceElement frame) {
        return Set.of("io.pybridge.PublicErrors", "io.pybridge.internal.api.ApiErrors",
                "io.pybridge.internal.runtime.PythonErrors").contains(frame.getClassName());
    }

    @Test
    void printedStackTracesShowThePythonFramesOfEveryLinkInTheChain() {
        PythonException wrapped = failureOf("wrapped()");
        java.io.StringWriter text = new java.io.StringWriter();
        wrapped.printStackTrace(new java.io.PrintWriter(text));
        String printed = text.toString();
        assertTrue(printed.contains("at python.__main__.wrapped(<pybridge exec>:"), printed);
        assertTrue(printed.contains("Caused by: io.pybridge.PythonExecutionException: ValueError: bad value"), printed);
        assertTrue(printed.contains("at python.__main__.inner(<pybridge exec>:"), printed);
    }

    @Test
    void causeAndContextBecomeTheJavaCauseChain() {
        PythonException wrapped = failureOf("wrapped()");
        assertEquals("__main__.AppError", wrapped.pythonType());
        PythonException cause = assertInstanceOf(PythonException.class, wrapped.getCause());
        assertEquals("ValueError", cause.pythonType());
        assertTrue(wrapped.pythonTraceback().contains("direct cause"), wrapped.pythonTraceback());

        PythonException during = failureOf("during()");
        assertEquals("KeyError", during.pythonType());
        assertEquals("ValueError", ((PythonException) during.getCause()).pythonType());

        assertNull(failureOf("suppressed()").getCause(), "raise ... from None hides the context");
    }

    @Test
    void tracebacksAndPythonFramesOfExceptionsCaughtBeforeCloseSurviveIt() {
        String out = ChildJvm.of(TracebackAfterClose.class).name("traceback after close").run().assertSucceeded().output();
        assertTrue(out.contains("unread text: Traceback (most recent call last):|"), out);
        assertTrue(out.contains("in outer|") && out.contains("in inner|") && out.contains("ValueError: kept|"), out);
        assertTrue(out.contains("unread frames: python.__main__.inner(<pybridge exec>:2), python.__main__.outer("), out);
        assertTrue(out.contains("frames read before close, text: Traceback (most recent call last):|"), out);
        assertTrue(out.contains("text read before close, frames: python.__main__.inner(<pybridge exec>:2)"), out);
        assertTrue(out.contains("cause text: Traceback (most recent call last):|"), out);
        assertTrue(out.contains("cause frames: python.__main__.inner(<pybridge exec>:2)"), out);
        assertTrue(out.contains("wrapper text mentions the cause: true"), out);
        assertTrue(out.contains("exception object after close: false"), out);
    }

    /** Raises, catches, closes, and only then reads the traceback text and the stack trace. */
    public static final class TracebackAfterClose {
        private static PythonException failure(Python python, String expression) {
            try {
                python.withGil(py -> py.eval(expression));
            } catch (PythonException e) {
                return e;
            }
            throw new AssertionError(expression + " did not fail");
        }

        private static String frames(Throwable e) {
            return Arrays.stream(e.getStackTrace()).limit(2).map(String::valueOf).collect(Collectors.joining(", "));
        }

        public static void main(String[] args) {
            Python python = Python.start();
            python.withGil(py -> {
                py.exec("""
                        def inner():
                            raise ValueError('kept')
                        def outer():
                            inner()
                        def wrapped():
                            try:
                                inner()
                            except ValueError as e:
                                raise KeyError('wrapper') from e
                        """);
                return null;
            });
            PythonException unread = failure(python, "outer()");
            PythonException framesRead = failure(python, "outer()");
            framesRead.getStackTrace();
            PythonException textRead = failure(python, "outer()");
            textRead.pythonTraceback();
            PythonException wrapper = failure(python, "wrapped()");
            python.close();
            System.out.println("unread text: " + unread.pythonTraceback().replace('\n', '|'));
            System.out.println("unread frames: " + frames(unread));
            System.out.println("frames read before close, text: " + framesRead.pythonTraceback().replace('\n', '|'));
            System.out.println("text read before close, frames: " + frames(textRead));
            PythonException cause = (PythonException) wrapper.getCause();
            System.out.println("cause text: " + cause.pythonTraceback().replace('\n', '|'));
            System.out.println("cause frames: " + frames(cause));
            System.out.println("wrapper text mentions the cause: " + wrapper.pythonTraceback().contains("direct cause"));
            System.out.println("exception object after close: " + unread.pythonException().isPresent());
        }
    }

    @Test
    void importFailuresSayWhereTheyLooked() {
        PythonImportException e = assertThrows(PythonImportException.class,
                () -> python.withGil(py -> py.importModule("no_such_module_xyz")));
        assertEquals("ModuleNotFoundError", e.pythonType());
        assertTrue(e.getMessage().contains("No module named 'no_such_module_xyz'"), e.getMessage());
        assertTrue(e.getMessage().contains("sys.path"), e.getMessage());
        assertTrue(e.getMessage().contains("addModulePath"), e.getMessage());
        PythonImportException fromImport = assertThrows(PythonImportException.class,
                () -> python.withGil(py -> py.importModule("os.no_such_sub")));
        assertEquals("ModuleNotFoundError", fromImport.pythonType());
        assertInstanceOf(PythonImportException.class, failureOf("__import__('json').loads and __import__('missing_mod')"));
    }

    @Test
    void syntaxErrorsAreExecutionErrors() {
        PythonException e = assertThrows(PythonException.class, () -> python.withGil(py -> {
            py.exec("def broken(:\n  pass");
            return null;
        }));
        assertEquals("SyntaxError", e.pythonType());
    }

    @Test
    void systemExitNeverExitsTheJvm() {
        PythonException exit = assertThrows(PythonExecutionException.class, () -> python.withGil(py -> {
            py.exec("import sys\nsys.exit(3)");
            return null;
        }));
        assertEquals("SystemExit", exit.pythonType());
        assertEquals("3", exit.pythonMessage());
        PythonException interrupt = assertThrows(PythonExecutionException.class, () -> python.withGil(py -> {
            py.exec("raise KeyboardInterrupt");
            return null;
        }));
        assertEquals("KeyboardInterrupt", interrupt.pythonType());
        assertEquals(2L, (long) python.withGil(py -> py.eval("1 + 1").as(Long.class)), "the interpreter goes on");
    }

    @Test
    void javaExceptionsInsideTheBodyPassThroughUnchanged() {
        IllegalArgumentException mine = new IllegalArgumentException("mine");
        assertEquals(mine, assertThrows(IllegalArgumentException.class, () -> python.withGil(py -> {
            throw mine;
        })));
        assertEquals(2L, (long) python.withGil(py -> py.eval("2").as(Long.class)), "the GIL was released");
    }

    @Test
    void aStrThatFailsDoesNotHideTheError() {
        python.withGil(py -> {
            py.exec("""
                    class Ugly(Exception):
                        def __str__(self):
                            raise RuntimeError('no str')
                    def ugly():
                        raise Ugly()
                    """);
            return null;
        });
        PythonException e = failureOf("ugly()");
        assertEquals("__main__.Ugly", e.pythonType());
        assertTrue(e.pythonMessage().contains("str() of the exception failed"));
    }
}
