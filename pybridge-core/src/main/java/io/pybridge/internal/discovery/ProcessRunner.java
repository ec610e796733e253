package io.pybridge.internal.discovery;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a short-lived process and collects its output; the probe's one door to the operating system. */
@FunctionalInterface
interface ProcessRunner {

    /** What a finished process left behind. Output beyond the runner's bound is dropped and flagged. */
    record Result(int exitCode, byte[] stdout, byte[] stderr, boolean stdoutTruncated) {
    }

    /** The process did not finish in time and was killed, with everything it started. */
    final class TimeoutException extends Exception {
        TimeoutException(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code command} with this process's environment plus {@code extraEnvironment}, standard
     * input closed, and waits at most {@code timeout}.
     *
     * @throws IOException          it could not be started
     * @throws TimeoutException     it ran past {@code timeout}
     * @throws InterruptedException the waiting thread was interrupted (the process is killed first)
     */
    Result run(List<String> command, Map<String, String> extraEnvironment, Duration timeout)
            throws IOException, TimeoutException, InterruptedException;
}
