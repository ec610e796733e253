package io.pybridge.conformance;

import io.pybridge.testing.ChildJvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code parity_runner.py} standalone (a Python process) or embedded (a child JVM), each with a timeout. */
final class Sides {
    private Sides() {
    }

    static SideRun standalone(RuntimeUnderTest runtime, Path driverDir, List<String> driverArgs, Path results,
                              Path log, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(runtime.executable().toString());
        command.add(driverDir.resolve("parity_runner.py").toString());
        command.addAll(withOut(results, driverArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(runtime.standaloneEnvironment());
        Files.deleteIfExists(results);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new SideRun("standalone", RecordedRun.read(results), finished ? process.exitValue() : -1, !finished,
                wall, log);
    }

    static SideRun embedded(String unitName, RuntimeUnderTest runtime, Path driverDir, List<String> driverArgs,
                            Path results, Path log, Duration timeout) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(runtime.embedded());
        args.add(driverDir.toString());
        args.addAll(withOut(results, driverArgs));
        Files.deleteIfExists(results);
        long start = System.nanoTime();
        ChildJvm.Result child = ChildJvm.of(EmbeddedDriverMain.class)
                .name(unitName + " (embedded)")
                .timeout(timeout)
                .args(args.toArray(String[]::new))
                .run();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Files.writeString(log, child.output(), StandardCharsets.UTF_8);
        return new SideRun("embedded", RecordedRun.read(results), child.exitCode(), child.timedOut(), wall, log);
    }

    private static List<String> withOut(Path results, List<String> driverArgs) {
        List<String> all = new ArrayList<>(List.of("--out", results.toString()));
        all.addAll(driverArgs);
        return all;
    }
}
