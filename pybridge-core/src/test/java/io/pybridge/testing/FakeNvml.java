package io.pybridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stand-in NVML of {@code src/test/c/fake_nvml.c}, compiled with gcc into
 * {@code target/fake-nvml/<variant>/libnvidia-ml.so.1} once per test JVM. Each test copies it into a
 * folder of its own (a distinct file is a distinct library to the dynamic loader, with its own
 * state), writes the fake's switch files there and reads its {@code calls.log}.
 */
public final class FakeNvml {
    public static final String LIBRARY_NAME = "libnvidia-ml.so.1";

    private static final Map<String, Path> BUILT = new HashMap<>();

    private final Path folder;

    private FakeNvml(Path folder) {
        this.folder = folder;
    }

    /** The full fake, copied into {@code folder}. Skips the test where it cannot be built (no Linux, no gcc). */
    public static FakeNvml installIn(Path folder) throws IOException {
        return installIn(folder, "standard");
    }

    /** The fake without NVML's _v2 functions, as a too-old driver has it. */
    public static FakeNvml installLegacyIn(Path folder) throws IOException {
        return installIn(folder, "legacy", "-DFAKE_NVML_LEGACY");
    }

    /** The fake without nvmlSystemGetDriverVersion, which the binding treats as optional. */
    public static FakeNvml installWithoutDriverVersionIn(Path folder) throws IOException {
        return installIn(folder, "no-driver-version", "-DFAKE_NVML_NO_DRIVER_VERSION");
    }

    private static FakeNvml installIn(Path folder, String variant, String... defines) throws IOException {
        Files.copy(build(variant, defines), folder.resolve(LIBRARY_NAME));
        return new FakeNvml(folder);
    }

    public Path library() {
        return folder.resolve(LIBRARY_NAME);
    }

    /** Makes the fake's nvmlInit_v2 return {@code returnCode}. */
    public FakeNvml failInitWith(int returnCode) throws IOException {
        Files.writeString(folder.resolve("nvml-init-error"), Integer.toString(returnCode));
        return this;
    }

    /** Makes the fake's nvmlDeviceGetCount_v2 report {@code count}. */
    public FakeNvml reportDeviceCount(int count) throws IOException {
        Files.writeString(folder.resolve("nvml-device-count"), Integer.toString(count));
        return this;
    }

    /** The successful nvmlInit_v2 and every nvmlShutdown calls made so far, in order. */
    public List<String> calls() throws IOException {
        Path log = folder.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private static synchronized Path build(String variant, String... defines) throws IOException {
        Path built = BUILT.get(variant);
        if (built != null) {
            return built;
        }
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"),
                "the fake NVML is a Linux shared library; this is " + System.getProperty("os.name"));
        assumeTrue(gccAvailable(), "gcc is not on the PATH, so the fake NVML cannot be built; install gcc to run"
                + " the NVML binding tests");
        Path moduleDir = moduleDir();
        Path source = moduleDir.resolve("src/test/c/fake_nvml.c");
        Path output = moduleDir.resolve("target/fake-nvml").resolve(variant).resolve(LIBRARY_NAME);
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Wextra"));
        command.addAll(List.of(defines));
        command.addAll(List.of("-o", output.toString(), source.toString(), "-ldl"));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, waitFor(gcc), () -> "building the fake NVML failed: " + String.join(" ", command)
                + "\n" + gccOutput);
        BUILT.put(variant, output);
        return output;
    }

    private static boolean gccAvailable() {
        try {
            Process gcc = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            gcc.getInputStream().readAllBytes();
            return waitFor(gcc) == 0;
        } catch (IOException notThere) {
            return false;
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + process.info().commandLine(), e);
        }
    }

    /** pybridge-core: the test classes live in its target/test-classes. */
    private static Path moduleDir() {
        try {
            Path testClasses = Path.of(FakeNvml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the test classes are", e);
        }
    }
}
