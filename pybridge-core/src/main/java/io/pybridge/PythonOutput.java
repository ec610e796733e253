package io.pybridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the embedded interpreter's {@code sys.stdout} or {@code sys.stderr} goes:
 * {@code Python.builder().stdout(PythonOutput.to(System.out)).stderr(PythonOutput.toLogger("python", Level.WARN))}.
 *
 * <p>By default ({@link #inherit()}) Python writes to the process's file descriptors 1 and 2 itself,
 * buffered on its own, so its lines and Java's can come out in another order than they were written.
 * The other choices replace {@code sys.stdout}/{@code sys.stderr} with a text stream that hands Java whole
 * lines: the unfinished line of each Python thread is kept apart until its newline, so lines written by
 * many threads at once never mix, and each line (or group of lines one {@code write} completed) reaches
 * the target in one call. {@code print(…, flush=True)} and {@code sys.stdout.flush()} also hand over the
 * unfinished line, except to a logger, which takes whole lines only (one longer than 8,192 characters
 * without a newline is handed over as it is). {@code sys.stdout.buffer} takes bytes, decoded as UTF-8.
 *
 * <p>What does not change: output written to the file descriptors directly (C extensions, {@code os.write(1, …)},
 * child processes) still goes to the process's stdout/stderr, and {@code sys.__stdout__} is still fd 1. The
 * replaced streams have no {@code fileno()} (it raises {@code io.UnsupportedOperation}, as for
 * {@code io.StringIO}): {@code faulthandler.enable()} without a file and {@code subprocess} with
 * {@code stdout=sys.stdout} need one, as they do under any redirection in standalone Python.
 *
 * <p>The Java target is called on the Python thread that writes, with the GIL released, so a slow target
 * holds up the writer but not other Python threads.
 */
public final class PythonOutput {
    private static final PythonOutput INHERIT = new PythonOutput("inherited", List.of(), null, false);

    private final String description;
    /** What makes two choices the same: the kind and the target (compared by identity), and the level. */
    private final List<Object> identity;
    private final Consumer<String> sink;
    private final boolean wholeLines;

    private PythonOutput(String description, List<Object> identity, Consumer<String> sink, boolean wholeLines) {
        this.description = description;
        this.identity = identity;
        this.sink = sink;
        this.wholeLines = wholeLines;
    }

    /** Python's own streams on the process's file descriptors 1 and 2, as in standalone Python (the default). */
    public static PythonOutput inherit() {
        return INHERIT;
    }

    /** Text to a Java {@link PrintStream} ({@code System.out}, say), flushed after each hand-over. */
    public static PythonOutput to(PrintStream stream) {
        Objects.requireNonNull(stream, "stream");
        return new PythonOutput("PrintStream " + stream, List.of("stream", new Identity(stream)), text -> {
            stream.print(text);
            stream.flush();
        }, false);
    }

    /**
     * Text to a Java {@link Writer}, written and flushed under the writer's lock. An {@link IOException}
     * reaches Python's {@code write} as {@code _pybridge.JavaException}.
     */
    public static PythonOutput to(Writer writer) {
        Objects.requireNonNull(writer, "writer");
        return new PythonOutput("Writer " + writer, List.of("writer", new Identity(writer)), text -> {
            synchronized (writer) {
                try {
                    writer.write(text);
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, false);
    }

    /** Each line, without its newline, as one SLF4J event at {@code level} of the logger {@code loggerName}. */
    public static PythonOutput toLogger(String loggerName, Level level) {
        Objects.requireNonNull(loggerName, "loggerName");
        return toLogger(LoggerFactory.getLogger(loggerName), level);
    }

    /** Each line, without its newline, as one SLF4J event at {@code level} of {@code logger}. */
    public static PythonOutput toLogger(Logger logger, Level level) {
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(level, "level");
        return new PythonOutput("logger " + logger.getName() + " at " + level,
                List.of("logger", logger.getName(), level), text -> {
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                int stop = end < 0 ? text.length() : end;
                logger.atLevel(level).log(text.substring(start, stop));
                start = stop + 1;
            }
        }, true);
    }

    /** Whether this is {@link #inherit()}. */
    boolean inherited() {
        return sink == null;
    }

    Consumer<String> sink() {
        return sink;
    }

    boolean wholeLines() {
        return wholeLines;
    }

    /** The same choice: inherited, or the same stream or writer (identity), or the same logger name and level. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PythonOutput o && identity.equals(o.identity);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return "PythonOutput[" + description + "]";
    }

    private record Identity(Object target) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.target == target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }
    }
}
