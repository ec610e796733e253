package io.pybridge.internal.discovery;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.spi.BundledPython;
import io.pybridge.spi.BundledPythonProvider;

import io.pybridge.DiscoveryReport;
import io.pybridge.PythonSetupException;
import io.pybridge.RuntimeCandidate;
import io.pybridge.RuntimeCandidate.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeDiscoveryTest {
    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private final List<BundledPythonProvider> providers = new ArrayList<>();
    private PythonProbe probe;

    @BeforeEach
    void isolatedProbe() {
        probe = TestPythons.probe(temp.resolve("cache"));
    }

    private RuntimeDiscovery discovery(boolean windows) {
        return new RuntimeDiscovery(new Host(env::get, properties::get, windows), probe, () -> providers);
    }

    private ResolvedPython discover(DiscoveryRequest request) {
        return discovery(false).discover(request);
    }

    /** A fake installation that serves: CPython 3.12.1 with libpython in {@code prefix/lib}. */
    private Path servingPython(String name) throws IOException {
        return servingPython(name, "python3");
    }

    /** As {@link #servingPython(String)}, with the executable called {@code prefix/bin/<executable>}. */
    private Path servingPython(String name, String executable) throws IOException {
        Path prefix = temp.resolve(name);
        FakePython.touch(prefix.resolve("lib/libpython3.12.so.1.0"));
        return FakePython.answering(prefix.resolve("bin").resolve(executable), FakePython.answer(prefix));
    }

    /** A fake venv directory whose {@code bin/python} serves. */
    private Path servingVenv(String name) throws IOException {
        Path venv = temp.resolve(name);
        Path base = temp.resolve(name + "-base");
        FakePython.touch(base.resolve("lib/libpython3.12.so.1.0"));
        FakePython.answering(venv.resolve("bin/python"), FakePython.answer(base)
                .set("prefix", venv.toString()).set("exec_prefix", venv.toString()).set("venv", "1")
                .set("executable", venv.resolve("bin/python").toString())
                .set("site", venv.resolve("lib/python3.12/site-packages").toString()));
        return venv;
    }

    private void setAllSources() throws IOException {
        properties.put("pybridge.python", servingPython("property").toString());
        env.put("PYBRIDGE_PYTHON", servingPython("envvar").toString());
        env.put("VIRTUAL_ENV", servingVenv("venv").toString());
        env.put("CONDA_PREFIX", servingPython("conda", "python").getParent().getParent().toString());
        Path path = servingPython("onpath").getParent();
        servingPython("onpath", "python");
        env.put("PATH", path.toString());
    }

    private static List<Verdict> verdicts(DiscoveryReport report) {
        return report.candidates().stream().map(RuntimeCandidate::verdict).toList();
    }

    private static List<String> sources(DiscoveryReport report) {
        return report.candidates().stream().map(RuntimeCandidate::source).toList();
    }

    @Test
    void sourcesAreTriedInOrderAndTheFirstThatServesIsTaken() throws IOException {
        setAllSources();
        List<String> expected = List.of("system property pybridge.python", "environment variable PYBRIDGE_PYTHON",
                "environment variable VIRTUAL_ENV", "environment variable CONDA_PREFIX", "python3 on PATH",
                "python on PATH", "bundled runtime");

        ResolvedPython byProperty = discover(DiscoveryRequest.automatic());
        assertEquals(expected, sources(byProperty.report()));
        assertEquals(List.of(Verdict.TAKEN, Verdict.NOT_REACHED, Verdict.NOT_REACHED, Verdict.NOT_REACHED,
                Verdict.NOT_REACHED, Verdict.NOT_REACHED, Verdict.NOT_REACHED), verdicts(byProperty.report()));
        assertEquals(temp.resolve("property/bin/python3"), byProperty.candidate());

        properties.clear();
        assertEquals("environment variable PYBRIDGE_PYTHON", discover(DiscoveryRequest.automatic()).source());
        env.remove("PYBRIDGE_PYTHON");
        ResolvedPython byVenv = discover(DiscoveryRequest.automatic());
        assertEquals("environment variable VIRTUAL_ENV", byVenv.source());
        assertEquals(temp.resolve("venv/bin/python"), byVenv.programName(), "Python gets the venv's own interpreter");
        assertTrue(byVenv.home().isEmpty(), "Python computes home from the venv's pyvenv.cfg itself");
        assertTrue(byVenv.runtime().virtualEnv().isPresent());
        env.remove("VIRTUAL_ENV");
        assertEquals("environment variable CONDA_PREFIX", discover(DiscoveryRequest.automatic()).source());
        env.remove("CONDA_PREFIX");
        assertEquals("python3 on PATH", discover(DiscoveryRequest.automatic()).source());
    }

    @Test
    void builderExecutableComesBeforeEverythingElse() throws IOException {
        setAllSources();
        Path chosen = servingPython("builder");
        ResolvedPython resolved = discover(DiscoveryRequest.ofExecutable(chosen));
        assertEquals("Python.builder().executable()", resolved.source());
        assertEquals(chosen, resolved.candidate());
        assertEquals(temp.resolve("builder/lib/libpython3.12.so.1.0"), resolved.library());
        assertEquals(resolved.source(), resolved.runtime().source());
        assertEquals(Optional.of(resolved.runtime()), resolved.report().chosen().orElseThrow().runtime());
    }

    @Test
    void explicitChoiceThatCannotServeIsAnErrorNotAFallThrough() throws IOException {
        setAllSources();
        properties.put("pybridge.python", temp.resolve("gone/python3").toString());
        PythonSetupException e = assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.automatic()));
        String message = e.getMessage();
        assertTrue(message.contains("The Python chosen by system property pybridge.python cannot serve"), message);
        assertTrue(message.contains("1. system property pybridge.python: " + temp.resolve("gone/python3")
                + " -- refused: file missing"), message);
        assertTrue(message.contains("3. environment variable VIRTUAL_ENV: " + temp.resolve("venv/bin/python")
                + " -- not reached"), message);
        assertTrue(message.contains("PYBRIDGE_PYTHON"), message);
        assertTrue(message.contains("io.pybridge:pybridge-python"), message);
    }

    @Test
    void explicitEnvironmentVariableNamingANonPythonIsAnError() throws IOException {
        setAllSources();
        properties.clear();
        env.put("PYBRIDGE_PYTHON", FakePython.script(temp.resolve("liar/python3"), "echo I am not Python").toString());
        PythonSetupException e = assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.automatic()));
        assertTrue(e.getMessage().contains("refused: not a Python: running it with the probe script printed 'I am not Python'"),
                e.getMessage());
    }

    @Test
    void explicitDirectoryMeansTheInterpreterInsideIt() throws IOException {
        Path venv = servingVenv("project-venv");
        env.put("PYBRIDGE_PYTHON", venv.toString());
        assertEquals(venv.resolve("bin/python"), discover(DiscoveryRequest.automatic()).candidate());
    }

    @Test
    void refusedAutomaticCandidatesFallThroughWithTheirReasons() throws IOException {
        Path oldPrefix = temp.resolve("old");
        FakePython.answering(oldPrefix.resolve("bin/python"), FakePython.answer(oldPrefix).set("version", "3.10.13"));
        Path staticPrefix = temp.resolve("static");
        FakePython.installation(staticPrefix, FakePython.answer(staticPrefix)
                .set("config.Py_ENABLE_SHARED", "0").set("config.LDLIBRARY", "libpython3.12.a")
                .set("config.INSTSONAME", "libpython3.12.a"));
        env.put("VIRTUAL_ENV", temp.resolve("no-such-venv").toString());
        env.put("CONDA_PREFIX", oldPrefix.toString());
        env.put("PATH", staticPrefix.resolve("bin") + ":" + servingPython("good").getParent() + ":"
                + servingPython("good", "python").getParent());

        ResolvedPython resolved = discover(DiscoveryRequest.automatic());
        List<RuntimeCandidate> candidates = resolved.report().candidates();
        assertEquals(List.of(Verdict.REFUSED, Verdict.REFUSED, Verdict.REFUSED, Verdict.TAKEN, Verdict.NOT_REACHED),
                verdicts(resolved.report()));
        assertTrue(candidates.get(0).reason().startsWith("file missing: " + temp.resolve("no-such-venv/bin/python")));
        assertEquals(oldPrefix.resolve("bin/python"), candidates.get(1).path());
        assertEquals("Python 3.10.13 is too old: PyBridge supports CPython 3.11 to 3.14", candidates.get(1).reason());
        String noLibrary = candidates.get(2).reason();
        assertTrue(noLibrary.contains("has no shared libpython (it is a static build, Py_ENABLE_SHARED=0)"), noLibrary);
        assertTrue(noLibrary.contains("libpython3.12.so in " + staticPrefix.resolve("lib") + ", "), noLibrary);
        assertTrue(noLibrary.contains("--enable-shared"), noLibrary);
        assertEquals("python3 on PATH", candidates.get(2).source());
        assertEquals(staticPrefix.resolve("bin/python3"), candidates.get(2).path(), "only the first python3 on PATH, as a shell runs it");
        assertEquals(temp.resolve("good/bin/python"), resolved.candidate());
        assertEquals("python on PATH", resolved.source());
    }

    @Test
    void newerThanSupportedAndOtherImplementationsAreRefused() throws IOException {
        Path future = temp.resolve("future");
        FakePython.touch(future.resolve("lib/libpython3.15.so.1.0"));
        FakePython.installation(future, FakePython.answer(future).set("version", "3.15.0")
                .set("config.INSTSONAME", "libpython3.15.so.1.0"));
        Path pypy = temp.resolve("pypy");
        FakePython.touch(pypy.resolve("lib/libpython3.12.so.1.0"));
        FakePython.installation(pypy, FakePython.answer(pypy).set("implementation", "pypy"));
        Path narrow = temp.resolve("narrow");
        FakePython.touch(narrow.resolve("lib/libpython3.12.so.1.0"));
        FakePython.installation(narrow, FakePython.answer(narrow).set("pointer_bits", "32"));
        env.put("PATH", future.resolve("bin") + ":" + pypy.resolve("bin") + ":" + narrow.resolve("bin"));
        FakePython.script(pypy.resolve("bin/python"), "exec '" + pypy.resolve("bin/python3") + "' \"$@\"");

        PythonSetupException e = assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.automatic()));
        String message = e.getMessage();
        assertTrue(message.startsWith("No usable Python found for PyBridge"), message);
        assertTrue(message.contains("Python 3.15.0 is newer than PyBridge supports (CPython 3.11 to 3.14)"), message);
        assertTrue(message.contains("not CPython but pypy"), message);
        assertTrue(message.contains("bundled runtime -- refused: io.pybridge:pybridge-python is not on the class path"), message);
        assertEquals(Optional.of("no usable Python found: none of the 3 candidates is a CPython 3.11 to 3.14 with a "
                + "shared libpython"), discovery(false).survey(DiscoveryRequest.automatic()).problem());

        env.put("PATH", narrow.resolve("bin").toString());
        assertTrue(assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.automatic())).getMessage()
                .contains("a 32-bit Python cannot be loaded into this 64-bit JVM"));
    }

    @Test
    void realPython310IsRefusedAsTooOld() {
        Path python310 = TestPythons.existing(System.getProperty("user.home") + "/.pyenv/versions/3.10.13/bin/python3.10");
        PythonSetupException e = assertThrows(PythonSetupException.class,
                () -> discover(DiscoveryRequest.ofExecutable(python310)));
        assertTrue(e.getMessage().contains("Python.builder().executable(): " + python310
                + " -- refused: Python 3.10.13 is too old: PyBridge supports CPython 3.11 to 3.14"), e.getMessage());
    }

    @Test
    void hangingCandidateIsRefusedAsATimeout() throws IOException {
        probe = TestPythons.probe(temp.resolve("cache"), new TestPythons.CountingRunner(), Duration.ofSeconds(2));
        env.put("PATH", FakePython.script(temp.resolve("slow/python3"), "exec sleep 600").getParent() + ":"
                + servingPython("good", "python").getParent());
        ResolvedPython resolved = discover(DiscoveryRequest.automatic());
        RuntimeCandidate slow = resolved.report().candidates().getFirst();
        assertEquals(Verdict.REFUSED, slow.verdict());
        assertTrue(slow.reason().startsWith("the probe did not finish within 2 s"), slow.reason());
        assertEquals(Verdict.TAKEN, resolved.report().candidates().get(1).verdict());
    }

    @Test
    void bundledRuntimeIsLastAndSuppliesHomePreloadsAndItsPythonPath() throws IOException {
        Path prefix = temp.resolve("bundled");
        FakePython.touch(prefix.resolve("lib/libpython3.13.so.1.0"));
        Path executable = FakePython.answering(prefix.resolve("bin/python3"),
                FakePython.answer(prefix).set("version", "3.13.5").set("config.INSTSONAME", "libpython3.13.so.1.0"),
                "[ \"$PYBRIDGE_FAKE_BUNDLE\" = on ] || exit 9");
        Path numpy = temp.resolve("numpy-site");
        Path openblas = FakePython.touch(temp.resolve("openblas/libopenblas.so.0"));
        providers.add(() -> new BundledPython(executable, prefix, List.of(openblas),
                Map.of("PYBRIDGE_FAKE_BUNDLE", "on", "PYTHONPATH", numpy + ":" + temp.resolve("more")),
                "CPython 3.13.5 from org.bytedeco:cpython"));
        env.put("PATH", "");

        ResolvedPython resolved = discover(DiscoveryRequest.automatic());
        assertEquals("bundled runtime (" + providers.getFirst().getClass().getName() + ")", resolved.source());
        assertEquals(Optional.of(prefix), resolved.home());
        assertEquals(List.of(openblas), resolved.preloadLibraries());
        assertEquals(List.of(numpy, temp.resolve("more")), resolved.extraSysPath());
        assertEquals(prefix.resolve("lib/libpython3.13.so.1.0"), resolved.library());
        assertTrue(resolved.report().chosen().orElseThrow().reason().contains("org.bytedeco:cpython"));
    }

    @Test
    void bundledOnlyUsesNothingElse() throws IOException {
        setAllSources();
        PythonSetupException e = assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.onlyBundled()));
        assertTrue(e.getMessage().contains("Python.builder().bundled() -- refused: io.pybridge:pybridge-python is not on the class path"),
                e.getMessage());
        assertFalse(e.getMessage().contains("VIRTUAL_ENV"), e.getMessage());

        properties.clear();
        env.put("PYBRIDGE_PYTHON", "bundled");
        providers.add(() -> {
            throw new IOException("disk full while unpacking to /cache/pybridge");
        });
        PythonSetupException failed = assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.automatic()));
        assertTrue(failed.getMessage().contains("could not be unpacked: disk full while unpacking to /cache/pybridge"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("environment variable PYBRIDGE_PYTHON=bundled"), failed.getMessage());
    }

    @Test
    void venvWhoseBaseInterpreterWasDeletedIsNamed() throws Exception {
        Path real = probe.probe(TestPythons.python3OnPath()).executable();
        Path base = temp.resolve("base/bin/python3");
        Files.createDirectories(base.getParent());
        Files.createSymbolicLink(base, real);
        Path venv = temp.resolve("stale-venv");
        TestPythons.run(base.toString(), "-m", "venv", "--without-pip", venv.toString());
        Files.delete(base);
        Files.delete(base.getParent());
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("PATH", servingPython("fallback").getParent().toString());

        ResolvedPython resolved = discover(DiscoveryRequest.automatic());
        RuntimeCandidate stale = resolved.report().candidates().getFirst();
        assertEquals(Verdict.REFUSED, stale.verdict());
        assertTrue(stale.reason().startsWith("virtual environment " + venv + " whose base interpreter was deleted"),
                stale.reason());
        assertTrue(stale.reason().contains(base + " (missing)"), stale.reason());
        assertTrue(stale.reason().contains("-m venv --clear " + venv), stale.reason());
        assertEquals("python3 on PATH", resolved.source());
    }

    @Test
    void realVenvIsEmbeddedThroughItsOwnInterpreter() throws Exception {
        Path python3 = TestPythons.python3OnPath();
        Path venv = temp.resolve("real-venv");
        TestPythons.run(python3.toString(), "-m", "venv", "--without-pip", venv.toString());
        env.put("VIRTUAL_ENV", venv.toString());
        ResolvedPython resolved = discover(DiscoveryRequest.automatic());
        assertEquals(venv.resolve("bin/python"), resolved.programName());
        assertEquals(Optional.of(venv), resolved.runtime().virtualEnv());
        assertTrue(Files.isRegularFile(resolved.library()));
        assertFalse(resolved.library().startsWith(venv), "the library is the base installation's");
    }

    @Test
    void windowsLayoutIsLookedForOnWindows() throws IOException {
        env.put("VIRTUAL_ENV", temp.resolve("winvenv").toString());
        env.put("CONDA_PREFIX", temp.resolve("conda").toString());
        env.put("PATH", "");
        PythonSetupException e = assertThrows(PythonSetupException.class,
                () -> discovery(true).discover(DiscoveryRequest.automatic()));
        assertTrue(e.getMessage().contains("file missing: " + temp.resolve("winvenv").resolve("Scripts").resolve("python.exe")),
                e.getMessage());
        assertTrue(e.getMessage().contains("file missing: " + temp.resolve("conda").resolve("python.exe")), e.getMessage());
    }

    @Test
    void blankPropertyAsMavenPassesItMeansUnset() throws IOException {
        properties.put("pybridge.python", "");
        env.put("PATH", servingPython("good").getParent().toString());
        assertEquals("python3 on PATH", discover(DiscoveryRequest.automatic()).source());
    }

    @Test
    void surveyEvaluatesEveryCandidateAndTakesWhatDiscoveryTakes() throws IOException {
        setAllSources();
        RuntimeSurvey survey = discovery(false).survey(DiscoveryRequest.automatic());
        assertEquals(List.of(Verdict.TAKEN, Verdict.USABLE, Verdict.USABLE, Verdict.USABLE, Verdict.USABLE,
                Verdict.USABLE, Verdict.REFUSED), verdicts(survey.report()));
        assertEquals(discover(DiscoveryRequest.automatic()).candidate(), survey.chosen().orElseThrow().candidate());
        assertEquals(survey.report(), survey.chosen().orElseThrow().report());
        assertTrue(survey.problem().isEmpty());
        RuntimeCandidate usable = survey.report().candidates().get(2);
        assertTrue(usable.runtime().isPresent(), "a usable candidate says what it is");
        assertTrue(usable.describe().startsWith("environment variable VIRTUAL_ENV: " + temp.resolve("venv/bin/python")
                + " -- usable, not taken: CPython 3.12.1"), usable.describe());
    }

    @Test
    void surveyOfAFailedExplicitChoiceChoosesNothingButShowsWhatWouldServe() throws IOException {
        setAllSources();
        Path liar = FakePython.script(temp.resolve("liar/python3"), "echo I am not Python");
        RuntimeSurvey survey = discovery(false).survey(DiscoveryRequest.ofExecutable(liar, "option --python"));
        assertTrue(survey.chosen().isEmpty());
        RuntimeCandidate first = survey.report().candidates().getFirst();
        assertEquals("option --python", first.source());
        assertEquals(Verdict.REFUSED, first.verdict());
        assertTrue(first.reason().startsWith("not a Python"), first.reason());
        assertEquals(Verdict.USABLE, survey.report().candidates().get(1).verdict());
        assertEquals(Optional.of("the Python chosen by option --python (" + liar
                + ") cannot serve: not a Python: running it with the probe script printed 'I am not Python'"), survey.problem());
        assertEquals("fix or remove option --python", survey.fixes().getFirst());

        RuntimeSurvey quick = discovery(false).survey(DiscoveryRequest.ofExecutable(liar, "option --python"), false);
        assertEquals(survey.problem(), quick.problem());
        assertEquals(Verdict.NOT_REACHED, quick.report().candidates().get(1).verdict());
    }

    @Test
    void valueThatIsNoPathIsRefusedLikeAnyOtherExplicitChoice() throws IOException {
        env.put("PATH", servingPython("good").getParent().toString());
        properties.put("pybridge.python", "bad\0path");
        PythonSetupException e = assertThrows(PythonSetupException.class, () -> discover(DiscoveryRequest.automatic()));
        assertTrue(e.getMessage().contains("1. system property pybridge.python -- refused: not a valid path on this system"),
                e.getMessage());
        RuntimeSurvey survey = discovery(false).survey(DiscoveryRequest.automatic());
        assertEquals(List.of(Verdict.REFUSED, Verdict.USABLE, Verdict.REFUSED), verdicts(survey.report()));
    }

    @Test
    void providerThatCannotBeLoadedIsARefusedCandidate() throws IOException {
        env.put("PATH", servingPython("good").getParent().toString());
        RuntimeDiscovery broken = new RuntimeDiscovery(new Host(env::get, properties::get, false), probe, () -> {
            throw ApiErrors.setup("the bundled runtime's provider could not be loaded: broken jar");
        });
        assertEquals("python3 on PATH", broken.discover(DiscoveryRequest.automatic()).source());
        RuntimeSurvey survey = broken.survey(DiscoveryRequest.onlyBundled());
        assertTrue(survey.chosen().isEmpty());
        assertEquals("Python.builder().bundled() -- refused: the bundled runtime's provider could not be loaded: broken jar",
                survey.report().candidates().getFirst().describe());
        assertEquals(Optional.of("the Python chosen by Python.builder().bundled() cannot serve: the bundled runtime's "
                + "provider could not be loaded: broken jar"), survey.problem());
    }
}
