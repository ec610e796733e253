package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonProbeTest {
    @TempDir
    Path temp;

    private Path cache() {
        return temp.resolve("cache");
    }

    @Test
    void python3OnPathIsProbedThroughWhateverItIs() throws Exception {
        Path python3 = TestPythons.python3OnPath();
        long started = System.nanoTime();
        ProbeResult result = TestPythons.probe(cache()).probe(python3);
        System.out.printf("cold probe of %s: %d ms%n", python3, (System.nanoTime() - started) / 1_000_000);

        assertEquals("cpython", result.implementation());
        assertEquals(python3.toAbsolutePath(), result.probed());
        assertTrue(Files.isRegularFile(result.executable()), "sys.executable is the real interpreter");
        assertTrue(result.library().found().isPresent(), () -> "libpython found; looked in " + result.library().describeSearch());
        assertTrue(result.library().found().get().getFileName().toString().startsWith("libpython"));
        assertFalse(result.sysPath().contains(""), "the -c working-directory entry is dropped");
        assertTrue(result.sysPath().stream().anyMatch(p -> p.endsWith("lib-dynload")), result.sysPath()::toString);
        if (Files.readString(python3).startsWith("#!")) {
            assertNotEquals(python3, result.executable(), "a shim's real interpreter is recorded besides the shim");
        }
    }

    @Test
    void pyenvPythonReportsItsSharedLibrary() throws Exception {
        Path python = TestPythons.existing(System.getProperty("user.home") + "/.pyenv/versions/3.11.7/bin/python3.11");
        ProbeResult result = TestPythons.probe(cache()).probe(python);
        assertEquals(new PythonVersion(3, 11, 7), result.version());
        assertTrue(result.build().sharedEnabled());
        assertEquals(python.getParent().getParent().resolve("lib/libpython3.11.so.1.0"), result.library().found().orElseThrow());
        assertFalse(result.virtualEnv());
    }

    @Test
    void debianPythonFindsTheLibpythonBesideIt() throws Exception {
        Path python = TestPythons.existing("/usr/bin/python3.11");
        ProbeResult result = TestPythons.probe(cache()).probe(python);
        assertEquals(Path.of("/usr"), result.basePrefix());
        assertEquals("x86_64-linux-gnu", result.build().multiarch());
        assertEquals(Path.of("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"), result.library().found().orElseThrow());
    }

    @Test
    void venvReportsItsOwnPrefixAndSitePackagesAndTheBaseLibrary() throws Exception {
        Path python3 = TestPythons.python3OnPath();
        Path venv = temp.resolve("venv");
        TestPythons.run(python3.toString(), "-m", "venv", "--without-pip", venv.toString());
        PythonProbe probe = TestPythons.probe(cache());
        ProbeResult base = probe.probe(python3);
        ProbeResult result = probe.probe(venv.resolve("bin/python"));

        assertTrue(result.virtualEnv());
        assertEquals(venv, result.prefix());
        assertNotEquals(result.prefix(), result.basePrefix());
        assertEquals(base.basePrefix(), result.basePrefix());
        assertEquals(venv.resolve("bin/python"), result.executable());
        String minor = "python" + result.version().major() + "." + result.version().minor();
        assertTrue(result.sitePackages().contains(venv.resolve("lib").resolve(minor).resolve("site-packages")),
                result.sitePackages()::toString);
        assertEquals(base.library().found(), result.library().found(), "the venv loads its base's libpython");
    }

    @Test
    void tooOldPythonsAreRecognisedAsPythons() throws Exception {
        Path python27 = TestPythons.existing(System.getProperty("user.home") + "/.pyenv/versions/2.7.18/bin/python2.7");
        ProbeException e = assertThrows(ProbeException.class, () -> TestPythons.probe(cache()).probe(python27));
        assertEquals(ProbeException.Kind.TOO_OLD, e.kind());
        assertEquals(new PythonVersion(2, 7, 18), e.version());
    }

    @Test
    void shellScriptIsNotAPython() throws Exception {
        Path fake = FakePython.script(temp.resolve("bin/python3"), "echo 'Hello, I am a shell script'");
        ProbeException e = assertThrows(ProbeException.class, () -> TestPythons.probe(cache()).probe(fake));
        assertEquals(ProbeException.Kind.NOT_PYTHON, e.kind());
        assertTrue(e.getMessage().contains("'Hello, I am a shell script'"), e.getMessage());
    }

    @Test
    void failingExecutableShowsItsErrorLine() throws Exception {
        Path fake = FakePython.script(temp.resolve("bin/python3"),
                "echo 'error while loading shared libraries: libpython3.12.so.1.0' >&2\nexit 127");
        ProbeException e = assertThrows(ProbeException.class, () -> TestPythons.probe(cache()).probe(fake));
        assertEquals(ProbeException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("exit status 127"), e.getMessage());
        assertTrue(e.getMessage().contains("libpython3.12.so.1.0"), e.getMessage());
    }

    @Test
    void missingNonExecutableAndDanglingFilesAreNamed() throws Exception {
        PythonProbe probe = TestPythons.probe(cache());
        Path missing = temp.resolve("nowhere/python3");
        assertEquals(ProbeException.Kind.MISSING, assertThrows(ProbeException.class, () -> probe.probe(missing)).kind());

        Path plain = Files.writeString(temp.resolve("python3"), "not executable");
        ProbeException notExecutable = assertThrows(ProbeException.class, () -> probe.probe(plain));
        assertEquals(ProbeException.Kind.NOT_EXECUTABLE, notExecutable.kind());
        assertTrue(notExecutable.getMessage().contains(plain.toString()));

        Path link = Files.createSymbolicLink(temp.resolve("python"), temp.resolve("deleted/python3"));
        ProbeException dangling = assertThrows(ProbeException.class, () -> probe.probe(link));
        assertEquals(ProbeException.Kind.DANGLING_LINK, dangling.kind());
        assertTrue(dangling.getMessage().contains(temp.resolve("deleted/python3") + " (missing)"), dangling.getMessage());
    }

    @Test
    @Timeout(60)
    void hangingExecutableIsStoppedAtTheTimeout() throws Exception {
        Path marker = temp.resolve("child.pid");
        // The shell starts a child that holds the output pipe, as a pyenv shim's interpreter would.
        Path fake = FakePython.script(temp.resolve("bin/python3"), "sleep 600 &\necho $! > '" + marker + "'\nwait");
        PythonProbe probe = TestPythons.probe(cache(), new TestPythons.CountingRunner(), Duration.ofMillis(500));
        ProbeException e = assertThrows(ProbeException.class, () -> probe.probe(fake));
        assertEquals(ProbeException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("500 ms"), e.getMessage());
        String pid = Files.exists(marker) ? Files.readString(marker).strip() : "";
        if (!pid.isEmpty()) { // else the shell was killed before it started its child
            long child = Long.parseLong(pid);
            ProcessHandle.of(child).ifPresent(h -> h.onExit().join());
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the shim's child was killed too");
        }
    }

    @Test
    void extraEnvironmentReachesTheProcess() throws Exception {
        Path prefix = temp.resolve("py");
        FakePython.touch(prefix.resolve("lib/libpython3.12.so.1.0"));
        Path fake = FakePython.answering(prefix.resolve("bin/python3"), FakePython.answer(prefix),
                "[ \"$PYBRIDGE_TEST_MARK\" = yes ] || { echo 'mark missing' >&2; exit 3; }");
        PythonProbe probe = TestPythons.probe(cache());
        assertEquals(ProbeException.Kind.FAILED, assertThrows(ProbeException.class, () -> probe.probe(fake)).kind());
        assertEquals(prefix.resolve("lib/libpython3.12.so.1.0"),
                probe.probe(fake, Map.of("PYBRIDGE_TEST_MARK", "yes")).library().found().orElseThrow());
    }

    @Test
    void staticBuildWithNothingInLibdirHasNoLibrary() throws Exception {
        Path prefix = temp.resolve("static");
        Path fake = FakePython.installation(prefix, FakePython.answer(prefix)
                .set("config.Py_ENABLE_SHARED", "0")
                .set("config.LDLIBRARY", "libpython3.12.a")
                .set("config.INSTSONAME", "libpython3.12.a"));
        FakePython.touch(prefix.resolve("lib/libpython3.12.a"));
        ProbeResult result = TestPythons.probe(cache()).probe(fake);
        assertFalse(result.build().sharedEnabled());
        assertTrue(result.library().found().isEmpty());
        assertTrue(result.library().searched().contains(prefix.resolve("lib/libpython3.12.so.1.0")));
    }

    @Test
    void secondProbeIsServedFromMemoryThenFromDisk() throws Exception {
        Path real = realInterpreterCopy();
        TestPythons.CountingRunner runner = new TestPythons.CountingRunner();
        PythonProbe first = TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT);
        ProbeResult cold = first.probe(real);
        long started = System.nanoTime();
        ProbeResult again = first.probe(real);
        long memoryMicros = (System.nanoTime() - started) / 1000;
        assertEquals(1, runner.runs.get());
        assertEquals(cold, again);

        PythonProbe nextJvm = TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT);
        started = System.nanoTime();
        ProbeResult fromDisk = nextJvm.probe(real);
        long diskMicros = (System.nanoTime() - started) / 1000;
        assertEquals(1, runner.runs.get(), "the disk entry serves a fresh probe");
        assertEquals(cold, fromDisk);
        System.out.printf("cached probe: memory %d us, disk %d us%n", memoryMicros, diskMicros);
    }

    @Test
    void changedExecutableIsProbedAgain() throws Exception {
        Path real = realInterpreterCopy();
        TestPythons.CountingRunner runner = new TestPythons.CountingRunner();
        TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(real);
        Files.setLastModifiedTime(real, FileTime.fromMillis(Files.getLastModifiedTime(real).toMillis() - 60_000));
        TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(real);
        assertEquals(2, runner.runs.get());
    }

    @Test
    void corruptCacheEntryIsIgnoredAndRewritten() throws Exception {
        Path real = realInterpreterCopy();
        TestPythons.CountingRunner runner = new TestPythons.CountingRunner();
        ProbeResult cold = TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(real);
        Path entry;
        try (var files = Files.list(cache())) {
            entry = files.filter(f -> f.toString().endsWith(".probe")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, Arrays.copyOf(bytes, bytes.length - 7));

        assertEquals(cold, TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(real));
        assertEquals(2, runner.runs.get(), "the truncated entry was not used");
        assertEquals(cold, TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(real));
        assertEquals(2, runner.runs.get(), "the rewritten entry serves again");

        Files.writeString(entry, "garbage");
        TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(real);
        assertEquals(3, runner.runs.get());
    }

    @Test
    void scriptsAreCachedInMemoryButNotOnDisk() throws Exception {
        Path prefix = temp.resolve("py");
        Path shim = FakePython.installation(prefix, FakePython.answer(prefix));
        TestPythons.CountingRunner runner = new TestPythons.CountingRunner();
        PythonProbe probe = TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT);
        probe.probe(shim);
        probe.probe(shim);
        assertEquals(1, runner.runs.get());
        TestPythons.probe(cache(), runner, PythonProbe.DEFAULT_TIMEOUT).probe(shim);
        assertEquals(2, runner.runs.get(), "what a script runs can change without the script changing");
    }

    /** A copy of a real interpreter binary, so tests may change it: Debian's static one runs from anywhere. */
    private Path realInterpreterCopy() throws IOException {
        Path debian = TestPythons.existing("/usr/bin/python3.11");
        Path copy = temp.resolve("copy/python3.11");
        Files.createDirectories(copy.getParent());
        return Files.copy(debian, copy, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
