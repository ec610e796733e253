package io.pybridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM with this test's class path: for what one JVM can do only once
 * (start or close the interpreter, start it wrongly) and for what must not take the test JVM down.
 *
 * <p>The child's output is read while it runs, so a child that hangs is seen as hanging: after the
 * timeout its threads are dumped ({@code jcmd Thread.print}) into the output and it is killed, with every
 * process it started. A child
 * that crashed or hung is a failure naming the case ({@link Result#assertSucceeded}), never a skip.
 */
public final class ChildJvm {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final int OUTPUT_TAIL = 6_000;
    /** Enough for the thread dump of a hung child, which is what says where it hangs. */
    private static final int HUNG_OUTPUT_TAIL = 80_000;

    private ChildJvm() {
    }

    /** What the child did: its exit code (or -1 when it was killed after hanging), its output and whether it hung. */
    public record Result(String name, int exitCode, String output, boolean timedOut) {

        /** Whether the JVM died of a signal or a fatal error rather than exiting. */
        public boolean crashed() {
            return !timedOut && (exitCode >= 128 || output.contains("# A fatal error has been detected")
                    || output.contains("Fatal Python error"));
        }

        /** Fails the test, naming the case, unless the child exited with {@code expectedExitCode}. */
        public Result assertExit(int expectedExitCode) {
            if (timedOut) {
                throw new AssertionError(name + ": the child JVM hung and was killed\n" + tail());
            }
            if (crashed()) {
                throw new AssertionError(name + ": the child JVM crashed (exit code " + exitCode + ")\n" + tail());
            }
            if (exitCode != expectedExitCode) {
                throw new AssertionError(name + ": the child JVM exited with " + exitCode + ", expected "
                        + expectedExitCode + "\n" + tail());
            }
            return this;
        }

        /** Fails the test, naming the case, unless the child exited with 0. */
        public Result assertSucceeded() {
            return assertExit(0);
        }

        /** The end of the output, where a crash report or an exception is. */
        public String tail() {
            int limit = timedOut ? HUNG_OUTPUT_TAIL : OUTPUT_TAIL;
            return output.length() <= limit ? output : "..." + output.substring(output.length() - limit);
        }

        @Override
        public String toString() {
            return name + " exit=" + exitCode + (timedOut ? " (hung, killed)" : "") + "\n" + tail();
        }
    }

    /** A child JVM to configure before {@link #run}. */
    public static final class Spec {
        private final Class<?> main;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new java.util.LinkedHashMap<>();
        private final Map<String, String> systemProperties = new java.util.LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private String name;

        private Spec(Class<?> main) {
            this.main = main;
            this.name = main.getSimpleName();
        }

        /** The name failures use; the main class's simple name by default. */
        public Spec name(String caseName) {
            this.name = caseName;
            return this;
        }

        public Spec jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Spec systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** Sets an environment variable of the child; a null value removes it. */
        public Spec env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Spec args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Spec timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        public Result run() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            String python = System.getProperty("pybridge.python", "");
            if (!python.isEmpty() && !systemProperties.containsKey("pybridge.python")) {
                command.add("-Dpybridge.python=" + python);
            }
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add(main.getName());
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            environment.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            return execute(builder);
        }

        private Result execute(ProcessBuilder builder) {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError(name + ": cannot start a child JVM", e);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().name("child-jvm-output-" + name).start(() -> copy(process.getInputStream(), output));
            try {
                process.getOutputStream().close();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    String threads = threadDump(process.pid());
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    reader.join(5_000);
                    return new Result(name, -1, text(output) + "\n--- threads of the hung child (after " + timeout
                            + ") ---\n" + threads, true);
                }
                reader.join(30_000);
                return new Result(name, process.exitValue(), text(output), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError(name + ": interrupted while waiting for the child JVM", e);
            }
        }
    }

    public static Spec of(Class<?> main) {
        return new Spec(main);
    }

    public static Result run(Class<?> main, Map<String, String> systemProperties, String... args) {
        Spec spec = of(main).args(args);
        systemProperties.forEach(spec::systemProperty);
        return spec.run();
    }

    public static Result run(Class<?> main, String... args) {
        return run(main, Map.of(), args);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // The child was killed; what was read so far is kept.
        }
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> copy(dump.getInputStream(), out));
            if (!dump.waitFor(20, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
            reader.join(2_000);
            return text(out);
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }
}
