package io.pybridge.internal.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link ProcessRunner}: reads standard output and error on virtual threads so that
 * neither pipe can fill up and stall the child, keeps at most a fixed number of bytes of each,
 * and on timeout kills the whole process tree (a pyenv shim is a shell that starts the real
 * interpreter; killing only the shell would leave the interpreter holding the pipes).
 */
final class BoundedProcessRunner implements ProcessRunner {
    private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(2);

    private final int maxStdout;
    private final int maxStderr;

    BoundedProcessRunner(int maxStdout, int maxStderr) {
        this.maxStdout = maxStdout;
        this.maxStderr = maxStderr;
    }

    @Override
    public Result run(List<String> command, Map<String, String> extraEnvironment, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        Collector stdout = new Collector(process.getInputStream(), maxStdout);
        Collector stderr = new Collector(process.getErrorStream(), maxStderr);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new TimeoutException("did not finish within " + timeout.toMillis() + " ms");
            }
            if (!stdout.await(DRAIN_AFTER_EXIT) || !stderr.await(DRAIN_AFTER_EXIT)) {
                // It exited, but something it started still holds its output open.
                killTree(process);
                stdout.await(DRAIN_AFTER_EXIT);
                stderr.await(DRAIN_AFTER_EXIT);
            }
            return new Result(process.exitValue(), stdout.bytes(), stderr.bytes(), stdout.truncated());
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // Closing our end of a pipe of a killed process: nothing left to report.
        }
    }

    /**
     * Copies one stream into memory up to a bound, then keeps draining it so the writer never
     * blocks. {@link ByteArrayOutputStream} is synchronized, so it may be read while still filling.
     */
    private static final class Collector {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int max;
        private final Thread thread;
        private volatile boolean truncated;

        Collector(InputStream in, int max) {
            this.max = max;
            this.thread = Thread.ofVirtual().name("pybridge-probe-reader").start(() -> drain(in));
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int room = max - kept.size();
                    kept.write(buffer, 0, Math.min(n, Math.max(room, 0)));
                    if (n > room) {
                        truncated = true;
                    }
                }
            } catch (IOException closed) {
                // The stream was closed under us after a kill: what was read so far is all there is.
            }
        }

        boolean await(Duration timeout) throws InterruptedException {
            return thread.join(timeout);
        }

        boolean truncated() {
            return truncated;
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
