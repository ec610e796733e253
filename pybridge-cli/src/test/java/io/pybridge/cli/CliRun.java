package io.pybridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line for tests: in this JVM (whose one interpreter every in-process test
 * shares), or as the real {@code pybridge} process in a child JVM (exit status, environment,
 * finalization).
 */
final class CliRun {
    private CliRun() {
    }

    /** What a command line did: its exit status and what it wrote on stdout and stderr. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** In this JVM, through {@link Cli#execute}; a command that starts Python starts it here. */
    static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }

    /** How long a child {@code pybridge} may run before it counts as hung. */
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    /**
     * As the {@code pybridge} process: {@link Main} in a fresh JVM with this test's class path.
     *
     * @param environment variables to set ({@code null} value: remove it)
     * @param jvmOptions  e.g. {@code -Duser.home=...}
     */
    static Result childJvm(Map<String, String> environment, List<String> jvmOptions, String... args) {
        return childJvm(environment, jvmOptions, CHILD_TIMEOUT, args);
    }

    /**
     * As {@link #childJvm(Map, List, String...)}, bounded by {@code timeout}. Both output streams are
     * read while the child runs, so a child that never ends is seen as such: it is killed after
     * {@code timeout} and the test fails with what it had written.
     */
    static Result childJvm(Map<String, String> environment, List<String> jvmOptions, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return execute(command, environment, timeout, args);
    }

    /**
     * As the {@code pybridge} process launched as a module: PyBridge's modules, picocli, Jackson and SLF4J on
     * the module path ({@code -m io.pybridge.cli/...}), everything else (the org.bytedeco jars of the bundled
     * runtime) on the class path, native access granted to {@code io.pybridge} only.
     */
    static Result childJvmOnModulePath(String... args) {
        List<String> modules = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String normalized = entry.replace('\\', '/');
            boolean module = normalized.matches(".*/pybridge-(core|python|cli)/target/classes/?")
                    || normalized.matches(".*/pybridge(-(core|python))?(-[0-9][^/]*)?\\.jar") && !normalized.endsWith("-tests.jar")
                    || normalized.matches(".*/(picocli|jackson-[a-z]+|slf4j-api|slf4j-simple)-[^/]*\\.jar");
            (module ? modules : classPath).add(entry);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=io.pybridge");
        command.add("--module-path");
        command.add(String.join(java.io.File.pathSeparator, modules));
        command.add("--add-modules");
        command.add("io.pybridge.python,org.slf4j.simple");
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add("-m");
        command.add("io.pybridge.cli/" + Main.class.getName());
        command.addAll(List.of(args));
        return execute(command, Map.of(), CHILD_TIMEOUT, args);
    }

    private static Result execute(List<String> command, Map<String, String> environment, Duration timeout, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        String what = "pybridge " + String.join(" ", args);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start a child JVM for " + what, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = Thread.ofPlatform().daemon().name("cli-child-stdout").start(() -> copy(process.getInputStream(), out));
        Thread errReader = Thread.ofPlatform().daemon().name("cli-child-stderr").start(() -> copy(process.getErrorStream(), err));
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                outReader.join(5_000);
                errReader.join(5_000);
                throw new AssertionError(what + " did not finish within " + timeout + " and was killed\n--- stdout:\n"
                        + text(out) + "--- stderr:\n" + text(err));
            }
            outReader.join(30_000);
            errReader.join(30_000);
            return new Result(process.exitValue(), text(out), text(err));
        } catch (IOException e) {
            throw new AssertionError("cannot talk to the child JVM for " + what, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the child was killed; what was read so far is kept
        }
    }

    private static String text(ByteArrayOutputStream stream) {
        synchronized (stream) {
            return stream.toString(StandardCharsets.UTF_8);
        }
    }
}
