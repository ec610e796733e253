package io.pybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pybridge doctor} in this JVM. The one that succeeds starts the interpreter that every
 * in-process test of this module shares; the others stop before starting one.
 */
class DoctorTest {
    @TempDir
    Path temp;

    /** Whether discovery runs unconfigured here, so that python3 on PATH is what it takes. */
    private static boolean unconfigured() {
        return System.getProperty("pybridge.python", "").isBlank() && System.getenv("PYBRIDGE_PYTHON") == null
                && System.getenv("VIRTUAL_ENV") == null && System.getenv("CONDA_PREFIX") == null;
    }

    private static String line(String output, String start) {
        return output.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in:\n" + output));
    }

    @Test
    void thisMachine() throws Exception {
        CliRun.Result result = CliRun.inProcess("doctor");
        String out = result.out();
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        String taken = out.lines().filter(l -> l.contains(" -- taken: CPython ")).findFirst()
                .orElseThrow(() -> new AssertionError("no taken candidate:\n" + out));
        if (unconfigured()) {
            // As discovery goes: python3 on the PATH first; on a machine without one, the bundled runtime.
            String expected = python3OnPath() ? "python3 on PATH" : "bundled runtime";
            assertTrue(taken.startsWith("  1. " + expected), taken);
            assertTrue(out.contains("Chosen: " + expected), out);
        }
        Matcher version = Pattern.compile("(?m)^  version +(3\\.1[1-4]\\.\\d+)").matcher(out);
        assertTrue(version.find(), out);
        Path library = Path.of(line(out, "  libpython").substring("  libpython".length()).strip());
        assertTrue(Files.isRegularFile(library), library + " is a file");
        assertTrue(library.getFileName().toString().startsWith("libpython3."), library.toString());
        assertTrue(line(out, "  prefix").length() > "  prefix".length() + 2, out);
        assertTrue(line(out, "  venv").contains("none") || line(out, "  venv").contains("base installation"), out);
        assertTrue(line(out, "  in-process").contains("started, sys.version " + version.group(1)), out);

        Optional<String> numpy = numpyVersionOf(Path.of(line(out, "  executable").substring("  executable".length()).strip()),
                library.getParent());
        String numpyLine = line(out, "  numpy");
        if (numpy.isPresent()) {
            assertTrue(numpyLine.matches("  numpy +" + Pattern.quote(numpy.get()) + " at .*numpy"), numpyLine);
        } else {
            assertTrue(numpyLine.contains("absent (ModuleNotFoundError: No module named 'numpy')"), numpyLine);
        }

        assertTrue(line(out, "  signals").endsWith("the JVM's handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT"), out);

        String gpu = out.substring(out.indexOf("GPU:\n") + "GPU:\n".length()).lines().findFirst().orElseThrow();
        assertTrue(gpu.startsWith("  none: ") || gpu.startsWith("  driver ") || gpu.startsWith("  GPU 0: "), gpu);
        String verdict = line(out, "Verdict: ");
        assertTrue(verdict.startsWith("Verdict: ready: PyBridge embeds CPython " + version.group(1) + ", chosen by "),
                verdict);
        numpy.ifPresent(v -> assertTrue(verdict.endsWith("with numpy " + v), verdict));
    }

    private static boolean python3OnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "python3"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * numpy's version as the interpreter itself reports it, run as a program: empty when it has none.
     * {@code libraryDir} (libpython's folder) goes on the library path: the bundled runtime's numpy
     * finds its OpenBLAS there, as its README says to run it by hand.
     */
    private static Optional<String> numpyVersionOf(Path executable, Path libraryDir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-c",
                "import importlib.util as u, sys\n"
                        + "sys.stdout.write(__import__('numpy').__version__ if u.find_spec('numpy') else '')")
                .redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", libraryDir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        return output.isEmpty() ? Optional.empty() : Optional.of(output);
    }

    @Test
    void missingExecutable() {
        CliRun.Result result = CliRun.inProcess("doctor", "--python", "/nonexistent/python3");
        assertEquals(ExitCodes.NO_RUNTIME, result.exitCode(), result.toString());
        assertTrue(result.out().contains(
                "  1. option --python: /nonexistent/python3 -- refused: file missing: /nonexistent/python3"), result.out());
        assertTrue(result.out().contains("Chosen: none"), result.out());
        assertTrue(result.out().contains("- fix or remove option --python"), result.out());
        assertEquals("Verdict: no usable Python: the Python chosen by option --python (/nonexistent/python3) "
                + "cannot serve: file missing: /nonexistent/python3", line(result.out(), "Verdict: "));
        assertTrue(result.out().contains("GPU:\n  "), "the GPUs are shown even without a runtime:\n" + result.out());
    }

    @Test
    void scriptThatIsNotAPython() throws IOException {
        Path liar = temp.resolve("python3");
        Files.writeString(liar, "#!/bin/sh\necho I am not Python\n");
        Files.setPosixFilePermissions(liar, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun.Result result = CliRun.inProcess("doctor", "--python", liar.toString());
        assertEquals(ExitCodes.NO_RUNTIME, result.exitCode(), result.toString());
        assertTrue(result.out().contains("option --python: " + liar
                + " -- refused: not a Python: running it with the probe script printed 'I am not Python'"), result.out());
        assertTrue(line(result.out(), "Verdict: ").contains("cannot serve: not a Python"), result.out());
    }

    @Test
    void venvWhoseBaseInterpreterWasDeleted() throws IOException {
        Path venv = temp.resolve("stale-venv");
        Path gone = temp.resolve("deleted-python/bin");
        Files.createDirectories(venv.resolve("bin"));
        Files.writeString(venv.resolve("pyvenv.cfg"), "home = " + gone + "\nversion = 3.11.7\n");
        Files.createSymbolicLink(venv.resolve("bin/python"), gone.resolve("python3.11"));

        CliRun.Result result = CliRun.inProcess("doctor", "--python", venv.toString());
        assertEquals(ExitCodes.NO_RUNTIME, result.exitCode(), result.toString());
        String candidate = line(result.out(), "  1. option --python: ");
        assertTrue(candidate.contains("refused: virtual environment " + venv + " whose base interpreter was deleted"),
                candidate);
        assertTrue(candidate.contains("Recreate it with an installed Python: python3.11 -m venv --clear " + venv),
                candidate);
    }
}
