package io.pybridge.ml;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalProgressBarTest {

    @Test
    void rendersAFixedWidthLine() {
        String line = TerminalProgressBar.render("loading", 3, 10, "weights");
        assertTrue(line.startsWith("\rloading      [#########.....................] 3/10 weights"), line);
        assertEquals(101, line.length());
        assertTrue(TerminalProgressBar.render("x", 20, 10, "").contains("[" + "#".repeat(30) + "]"), "clamped at full");
        assertTrue(TerminalProgressBar.render("x", 0, 0, null).contains("0/0"), "no total is not a division by zero");
    }

    @Test
    void drawsNothingWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TerminalProgressBar bar = new TerminalProgressBar(new PrintStream(bytes), "x", true)) {
            assertFalse(bar.enabled(), "tests do not run in a terminal");
            bar.progress(1, 2, "half");
        }
        assertEquals(0, bytes.size());
    }
}
