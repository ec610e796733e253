package io.pybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code pybridge} process itself, each in a child JVM: exit statuses through
 * {@code System.exit}, Python's own output flushed in order, and a home the bundled runtime cannot
 * use, with a damaged cache.
 */
class ProcessTest {
    @TempDir
    Path temp;

    @Test
    void pythonOutputComesBeforeTheResultAndAnExceptionIsOneLineWithStatusOne() throws IOException {
        Files.writeString(temp.resolve("cli_process_fixture.py"), """
                def shout(word):
                    print("python says", word)
                    return {"word": word.upper()}

                def explode():
                    print("about to fail")
                    raise KeyError("missing-key")
                """);
        CliRun.Result ok = CliRun.childJvm(Map.of(), List.of(), "run", "--path", temp.toString(),
                "cli_process_fixture:shout", "hi", "--compact");
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.toString());
        assertEquals("python says hi\n{\"word\":\"HI\"}\n", ok.out());

        CliRun.Result failed = CliRun.childJvm(Map.of(), List.of(), "run", "--path", temp.toString(),
                "cli_process_fixture:explode");
        assertEquals(ExitCodes.PYTHON_ERROR, failed.exitCode(), failed.toString());
        assertEquals("about to fail\n", failed.out());
        assertEquals("pybridge run: KeyError: 'missing-key'\n", failed.err());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCommandThatNeverEndsIsKilledAndReportedWithItsOutput() throws IOException {
        Files.writeString(temp.resolve("cli_hang_fixture.py"), """
                import sys, time

                def hang():
                    print("about to hang", flush=True)
                    print("stderr too", file=sys.stderr, flush=True)
                    time.sleep(3600)
                """);
        AssertionError e = assertThrows(AssertionError.class, () -> CliRun.childJvm(Map.of(), List.of(),
                Duration.ofSeconds(20), "run", "--path", temp.toString(), "cli_hang_fixture:hang"));
        assertTrue(e.getMessage().startsWith("pybridge run --path " + temp + " cli_hang_fixture:hang did not finish within PT20S"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--- stdout:\nabout to hang\n"), e.getMessage());
        assertTrue(e.getMessage().contains("--- stderr:\nstderr too\n"), e.getMessage());
    }

    @Test
    void noRuntimeIsStatusThree() {
        CliRun.Result result = CliRun.childJvm(Map.of(), List.of(), "run", "--python", temp.resolve("none").toString(),
                "json:dumps", "1");
        assertEquals(ExitCodes.NO_RUNTIME, result.exitCode(), result.toString());
        assertEquals("pybridge run: no usable Python: the Python chosen by option --python (" + temp.resolve("none")
                + ") cannot serve: file missing: " + temp.resolve("none")
                + " ('pybridge doctor' shows every candidate and why)\n", result.err());
    }

    /**
     * A home that cannot hold the cache: the bundled runtime is unpacked in the temporary folder and
     * doctor says so. Then a file of that tree is deleted: the next doctor unpacks it again and warns.
     */
    @Test
    void unwritableHomeFallsBackToTheTemporaryFolderAndADamagedCacheIsRepaired() throws IOException {
        Path home = Files.writeString(temp.resolve("home-is-a-file"), "not a directory");
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Map<String, String> environment = new HashMap<>();
        environment.put("PYBRIDGE_CACHE", null);
        environment.put("XDG_CACHE_HOME", null);
        // Two unpacks, without compiling the modules (nothing here depends on them): 20-30 s sooner.
        List<String> jvm = List.of("-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp, "-Dpybridge.bundledBytecode=false");

        CliRun.Result first = CliRun.childJvm(environment, jvm, "doctor", "--bundled");
        assertEquals(ExitCodes.OK, first.exitCode(), first.toString());
        String candidate = first.out().lines().filter(l -> l.startsWith("  1. option --bundled")).findFirst().orElseThrow();
        assertTrue(candidate.contains("-- taken: CPython 3.14"), candidate);
        assertTrue(candidate.contains("unpacked at " + tmp.resolve("pybridge-")), candidate);
        assertTrue(candidate.contains("(temporary fallback; could not use " + home.resolve(".cache/pybridge")), candidate);
        assertTrue(first.err().contains("[WARN] PyBridge could not use " + home.resolve(".cache/pybridge")), first.err());
        assertTrue(first.out().contains("Verdict: ready: PyBridge embeds CPython 3.14"), first.out());

        Path tree;
        try (Stream<Path> trees = Files.list(tmp.resolve("pybridge-" + System.getProperty("user.name")))) {
            tree = trees.filter(p -> p.getFileName().toString().startsWith("python-") && Files.isDirectory(p))
                    .findFirst().orElseThrow();
        }
        assertFalse(Files.exists(tree.resolve("lib/python3.14/__pycache__/turtle.cpython-314.pyc")),
                "-Dpybridge.bundledBytecode=false, yet the unpack compiled the modules");
        Path damaged = tree.resolve("lib/python3.14/json/decoder.py");
        Files.delete(damaged);

        CliRun.Result second = CliRun.childJvm(environment, jvm, "doctor", "--bundled");
        assertEquals(ExitCodes.OK, second.exitCode(), second.toString());
        assertTrue(second.err().contains("[WARN] The bundled Python at " + tree + " is damaged ("
                + "lib/python3.14/json/decoder.py is missing); unpacking it again"), second.err());
        assertTrue(Files.isRegularFile(damaged), "unpacked again");
    }
}
