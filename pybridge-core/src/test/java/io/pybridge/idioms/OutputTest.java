package io.pybridge.idioms;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonExecutionException;
import io.pybridge.PythonOutput;
import io.pybridge.internal.output.OutputRedirection;
import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.pybridge.idioms.IdiomFixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's stdout and stderr into Java, line-atomic across threads, and logging into SLF4J. The
 * redirection itself is tested here on the shared interpreter (and undone after each test); the builder
 * options, which only the starting builder may set, in a child JVM.
 */
class OutputTest {
    private final Python python = IdiomFixtures.python();
    private final List<String> chunks = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void keepStreams() {
        python.withGil(py -> {
            py.exec("import sys as _sys\n_pybridge_test_streams = (_sys.stdout, _sys.stderr)");
            return null;
        });
    }

    @AfterEach
    void restoreStreams() {
        python.withGil(py -> {
            py.exec("_sys.stdout, _sys.stderr = _pybridge_test_streams");
            return null;
        });
    }

    private void redirectStdout(boolean wholeLines) {
        OutputRedirection.redirect("stdout", chunks::add, wholeLines);
    }

    @Test
    void linesReachJavaWholeAndUnfinishedOnesOnFlush() {
        redirectStdout(false);
        call("say", "one").close();
        call("say_in_pieces", "piece", 2).close();
        call("say", "no newline yet", "", false).close();
        assertEquals(List.of("one\n", "piece 0\n", "piece 1\n"), chunks, "an unfinished line waits");
        call("say", "progress", "", true).close();
        assertEquals("no newline yetprogress", chunks.getLast(), "flush hands over the unfinished line");
        python.withGil(py -> {
            py.exec("_sys.stdout.write('a\\nb\\nc')");
            return null;
        });
        assertEquals("a\nb\n", chunks.getLast(), "lines one write completes go together");
    }

    @Test
    void linesOfManyThreadsNeverMix() {
        redirectStdout(false);
        call("say_from_threads", 8, 300).close();
        Map<String, Integer> perThread = new HashMap<>();
        for (String chunk : chunks) {
            for (String line : chunk.split("\n")) {
                assertTrue(line.matches("thread \\d line \\d+ end"), "a mixed line: '" + line + "'");
                perThread.merge(line.split(" ")[1], 1, Integer::sum);
            }
        }
        assertEquals(8, perThread.size());
        perThread.values().forEach(count -> assertEquals(300, count));
    }

    @Test
    void aLoggerTargetTakesWholeLinesOnly() {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        PythonOutput toLogger = PythonOutput.toLogger(new CapturingLogger("python.out", logged), Level.INFO);
        OutputRedirection.redirect("stdout", OutputTestAccess.sink(toLogger), true);
        call("say", "first\nsecond").close();
        call("say", "partial", "", true).close();
        assertEquals(List.of("INFO python.out: first", "INFO python.out: second"), logged, "flush keeps the partial line");
        call("say", " done").close();
        assertEquals("INFO python.out: partial done", logged.getLast());
        call("say", "x".repeat(10_000), "", false).close();
        assertEquals(10_000 + "INFO python.out: ".length(), logged.getLast().length(), "a very long line is not held back");
    }

    @Test
    void printStreamsWritersAndBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OutputRedirection.redirect("stdout", OutputTestAccess.sink(PythonOutput.to(stream)), false);
        call("say", "héllo").close();
        call("write_bytes", "bytes ✓\n".getBytes(StandardCharsets.UTF_8)).close();
        assertEquals("héllo\nbytes ✓\n", bytes.toString(StandardCharsets.UTF_8));

        StringWriter writer = new StringWriter();
        OutputRedirection.redirect("stderr", OutputTestAccess.sink(PythonOutput.to(writer)), false);
        call("say", "to stderr", "\n", false, "stderr").close();
        assertEquals("to stderr\n", writer.toString());
    }

    @Test
    void aFailingTargetRaisesInPythonsWrite() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        OutputRedirection.redirect("stdout", OutputTestAccess.sink(PythonOutput.to(broken)), false);
        PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> call("say", "lost"));
        assertEquals("_pybridge.JavaException", e.pythonType());
        assertInstanceOf(java.io.UncheckedIOException.class, e.getCause());
    }

    @Test
    void theReplacedStreamsBehaveLikeTextStreamsWithoutAFileDescriptor() {
        redirectStdout(false);
        python.withGil(py -> {
            py.exec("""
                    import io, sys
                    assert sys.stdout.writable() and not sys.stdout.isatty()
                    assert sys.stdout.encoding == 'utf-8'
                    try:
                        sys.stdout.fileno()
                        raise AssertionError('fileno() should raise')
                    except io.UnsupportedOperation:
                        pass
                    try:
                        sys.stdout.write(b'bytes')
                        raise AssertionError('write(bytes) should raise')
                    except TypeError:
                        pass
                    sys.stdout.reconfigure(line_buffering=True)
                    """);
            return null;
        });
    }

    @Test
    void outputChoicesCompareByTarget() {
        assertEquals(PythonOutput.to(System.out), PythonOutput.to(System.out));
        assertEquals(PythonOutput.toLogger("a", Level.INFO), PythonOutput.toLogger("a", Level.INFO));
        assertTrue(!PythonOutput.toLogger("a", Level.INFO).equals(PythonOutput.toLogger("a", Level.WARN)));
        assertTrue(!PythonOutput.inherit().equals(PythonOutput.to(System.err)));
    }

    @Test
    void theBuilderSendsOutputAndLoggingToJava() {
        ChildJvm.Result result = ChildJvm.of(BuilderOutput.class).name("builder output and logging")
                .systemProperty("org.slf4j.simpleLogger.logFile", "System.out")
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug")
                .run().assertSucceeded();
        String out = result.output();
        assertTrue(out.contains("captured stdout: [hello from Python|unfinished at exit]"), out);
        assertTrue(out.contains("WARN python.stderr - to stderr"), out);
        assertTrue(out.contains("INFO app.module - info 42"), out);
        assertTrue(out.contains("DEBUG app.module - a debug record"), out);
        assertTrue(out.contains("ERROR app.errors - it failed"), out);
        assertTrue(out.contains("io.pybridge.PythonExecutionException: ValueError: bad value"), out);
        assertTrue(out.contains("at python.idiom_fixtures.log_exception(idiom_fixtures.py:"), out);
        assertTrue(out.contains("second builder: IllegalStateException"), out);
        assertTrue(out.contains("same choice again: ok"), out);
    }

    /** The child: a builder with every output option, then a look at what arrived. */
    public static final class BuilderOutput {
        public static void main(String[] args) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream stdout = new PrintStream(captured, true, StandardCharsets.UTF_8);
            Python python = Python.builder().modulePath(Fixtures.resourceDir())
                    .stdout(PythonOutput.to(stdout))
                    .stderr(PythonOutput.toLogger("python.stderr", Level.WARN))
                    .forwardLogging()
                    .start();
            python.withGil(py -> {
                try (PyObject fixtures = py.importModule("idiom_fixtures")) {
                    fixtures.callMethod("say", "hello from Python").close();
                    fixtures.callMethod("say", "to stderr", "\n", false, "stderr").close();
                    fixtures.callMethod("log", "app.module", 20, "info %d", 42).close();
                    fixtures.callMethod("log", "app.module", 10, "a debug record").close();
                    fixtures.callMethod("log_exception", "app.errors", "it failed").close();
                    fixtures.callMethod("say", "unfinished at exit", "", false).close();
                }
                return null;
            });
            try {
                Python.builder().stdout(PythonOutput.inherit()).start();
                System.out.println("second builder: started");
            } catch (IllegalStateException e) {
                System.out.println("second builder: IllegalStateException " + e.getMessage());
            }
            Python.builder().stdout(PythonOutput.to(stdout)).start();
            System.out.println("same choice again: ok");
            python.close();
            System.out.println("captured stdout: [" + captured.toString(StandardCharsets.UTF_8).strip().replace("\n", "|") + "]");
        }
    }

    /** A logger that records "LEVEL name: message". */
    private static final class CapturingLogger extends LegacyAbstractLogger {
        private final List<String> records;

        CapturingLogger(String name, List<String> records) {
            this.name = name;
            this.records = records;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                                                   Throwable throwable) {
            records.add(level + " " + name + ": " + message);
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    /** The sink a PythonOutput stands for, as Python.Builder hands it to the redirection. */
    private static final class OutputTestAccess {
        static Consumer<String> sink(PythonOutput output) {
            try {
                var method = PythonOutput.class.getDeclaredMethod("sink");
                method.setAccessible(true);
                @SuppressWarnings("unchecked")
                Consumer<String> sink = (Consumer<String>) method.invoke(output);
                return sink;
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
