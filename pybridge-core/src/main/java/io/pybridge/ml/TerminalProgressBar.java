package io.pybridge.ml;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for terminals: {@code loading  [#########.....] 12/40 message}. Draws nothing
 * when the stream is not a terminal (a pipe, a file, CI logs), so output stays free of carriage
 * returns; {@link #close()} clears the line.
 */
public final class TerminalProgressBar implements ProgressListener, AutoCloseable {
    private static final int BAR = 30;
    private static final int LINE = 100;
    private final PrintStream out;
    private final boolean enabled;
    private volatile String label;
    private boolean drawn;

    /** A bar on {@code out}, drawn only when {@code enabled} and the JVM runs in a terminal. */
    public TerminalProgressBar(PrintStream out, String label, boolean enabled) {
        Console console = System.console();
        this.out = out;
        this.label = label;
        this.enabled = enabled && console != null && console.isTerminal();
    }

    /** Whether anything will be drawn. */
    public boolean enabled() {
        return enabled;
    }

    /** Changes the label in front of the bar (e.g. from "loading" to "analyzing"). */
    public void label(String label) {
        this.label = label;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        if (!enabled) {
            return;
        }
        out.print(render(label, done, total, message));
        out.flush();
        drawn = true;
    }

    /** The line as drawn, starting with a carriage return and padded to a fixed width. */
    static String render(String label, long done, long total, String message) {
        long all = Math.max(1, total);
        int filled = (int) (BAR * Math.max(0, Math.min(done, all)) / all);
        String text = String.format(Locale.ROOT, "%-12s [%s%s] %d/%d %s", label, "#".repeat(filled),
                ".".repeat(BAR - filled), done, total, message == null ? "" : message);
        return "\r" + (text.length() > LINE ? text.substring(0, LINE) : text + " ".repeat(LINE - text.length()));
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            out.print("\r" + " ".repeat(LINE) + "\r");
            out.flush();
            drawn = false;
        }
    }
}
