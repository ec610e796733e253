package io.pybridge.examples.media.app;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line progress bar on the terminal. Draws nothing when the output is not a terminal (a pipe,
 * a file, CI), so logs stay free of carriage returns.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile String label = "";

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled && System.console() != null && System.console().isTerminal();
    }

    void start(String label, int total) {
        this.label = label;
        this.total = total;
        done.set(0);
        draw(0, "");
    }

    /** Sets the count, for work that reports (done, total) itself, like Python's progress callback. */
    void report(int doneNow, int totalNow, String message) {
        total = totalNow;
        done.set(doneNow);
        draw(doneNow, message);
    }

    void step(String message) {
        draw(done.incrementAndGet(), message);
    }

    private synchronized void draw(int count, String message) {
        if (!enabled) {
            return;
        }
        int all = Math.max(1, total);
        int filled = (int) ((long) WIDTH * Math.min(count, all) / all);
        String text = String.format("\r%-14s [%s%s] %d/%d %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                count, total, message);
        out.print(text.length() > 100 ? text.substring(0, 100) : text + " ".repeat(100 - text.length()));
        out.flush();
    }

    void finish() {
        if (enabled) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }
}
