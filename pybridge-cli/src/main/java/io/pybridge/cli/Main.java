package io.pybridge.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The {@code pybridge} command: runs one command line, finalizes Python if it was started, exits with the status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = writer(System.out, "stdout.encoding");
        PrintWriter err = writer(System.err, "stderr.encoding");
        int status;
        try {
            status = Cli.execute(out, err, args);
        } finally {
            out.flush();
            PythonSession.closeIfStarted();
        }
        err.flush();
        System.exit(status);
    }

    /**
     * The stream in its console encoding; in the C/POSIX locale (ASCII) in UTF-8 instead, as Python
     * itself does there (PEP 538), so that non-ASCII results are not turned into '?'.
     */
    private static PrintWriter writer(PrintStream stream, String encodingProperty) {
        Charset charset;
        try {
            charset = Charset.forName(System.getProperty(encodingProperty, "UTF-8"));
        } catch (IllegalArgumentException e) {
            charset = StandardCharsets.UTF_8;
        }
        if (charset.equals(StandardCharsets.US_ASCII)) {
            charset = StandardCharsets.UTF_8;
        }
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }
}
