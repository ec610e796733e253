package io.pybridge.python;

import io.pybridge.spi.BundledPython;
import io.pybridge.spi.BundledPythonProvider;
import io.pybridge.python.Manifest.Depth;
import io.pybridge.python.TestRuntimes.CountingEvents;
import io.pybridge.python.TestRuntimes.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static io.pybridge.python.TestRuntimes.python;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real unpack of the jars on the test class path (modules compiled, as by default), then what the core will do with it. */
class BundledRuntimeTest {
    @TempDir
    static Path cache;
    static CountingEvents events = new CountingEvents();
    static BundledPython bundled;
    static String numpyVersion;
    static String pythonVersion;
    static Map<String, String> versions;

    @BeforeAll
    static void unpackOnce() throws IOException {
        bundled = TestRuntimes.compilingRuntime(cache, events).unpack();
        try (BundledArchives archives = BundledArchives.open(BundledRuntimeTest.class.getClassLoader(),
                System.getProperty("os.name"), System.getProperty("os.arch"))) {
            numpyVersion = archives.get(PrefixLayout.Part.NUMPY).upstreamVersion();
            pythonVersion = archives.pythonVersion();
            versions = archives.versions();
        }
    }

    @Test
    void theFirstCallUnpacksACompleteTree() throws IOException {
        assertEquals(1, events.unpacks.get());
        assertEquals(cache.resolve(bundled.home().getFileName()), bundled.home());
        assertEquals(Optional.empty(), Manifest.check(bundled.home(), versions, Depth.FULL));
        TestRuntimes.assertOnlyTreeAndLock(cache, bundled.home());
    }

    @Test
    void python3ImportsNumpyWithExactlyTheProbeEnvironment() throws Exception {
        Result result = python(bundled, bundled.probeEnvironment(),
                "import numpy; print(numpy.__version__, numpy.ones(3).sum())");
        assertEquals(new Result(0, numpyVersion + " 3.0"), result);
    }

    @Test
    void modulesAreImportedFromBytecodeCompiledForTheFinalPlaceEvenWherePythonMayNotWriteIt() throws Exception {
        Map<String, String> environment = new HashMap<>(bundled.probeEnvironment());
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        Result result = python(bundled, environment, """
                import json, marshal, numpy, re, threading
                for module in (json, numpy, threading):
                    print(module.__cached__)
                for module in (json, re):
                    with open(module.__cached__, 'rb') as pyc:
                        print(marshal.loads(pyc.read()[16:]).co_filename)""");
        assertEquals(0, result.exitCode(), result.output());
        List<String> lines = result.output().lines().toList();
        Path manifest = bundled.home().resolve(Manifest.MANIFEST_FILE);
        for (String line : lines.subList(0, 3)) {
            Path cached = Path.of(line);
            assertTrue(cached.startsWith(bundled.home()) && Files.isRegularFile(cached), "no bytecode: " + result.output());
            assertTrue(Files.getLastModifiedTime(cached).compareTo(Files.getLastModifiedTime(manifest)) <= 0,
                    cached + " was written after the unpack, not by it");
        }
        // the path the bytecode records is the final one, not the temporary folder's the unpack compiled in, also for
        // what the compiler imports itself (re)
        Path stdlib = bundled.home().resolve(TestRuntimes.stdlib());
        assertEquals(List.of(stdlib.resolve("json/__init__.py").toString(), stdlib.resolve("re/__init__.py").toString()),
                lines.subList(3, 5), result.output());
        assertFalse(Files.readString(manifest).contains(".pyc"), "the start's check would read the bytecode too");
    }

    @Test
    void sysconfigNamesTheUnpackedLibpython() throws Exception {
        Result result = python(bundled, bundled.probeEnvironment(), """
                import sys, sysconfig
                print(sys.prefix, sys.base_prefix, sysconfig.get_config_var('LIBDIR'),
                      sysconfig.get_config_var('LDLIBRARY'), sysconfig.get_config_var('INSTSONAME'), sep='\\n')""");
        assertEquals(0, result.exitCode(), result.output());
        List<String> lines = result.output().lines().toList();
        Path home = bundled.home();
        assertEquals(List.of(home.toString(), home.toString(), home.resolve("lib").toString()), lines.subList(0, 3));
        assertTrue(Files.isRegularFile(home.resolve("lib").resolve(lines.get(4))), lines.get(4));
        assertTrue(Files.isRegularFile(home.resolve("lib").resolve(lines.get(3))), lines.get(3));
    }

    @Test
    void thePreloadLibrariesAreWhatNumpyNeedsWhenNoLibraryPathIsSet() throws Exception {
        // What the core does (open them globally before libpython), done here by the dynamic loader.
        String preload = bundled.preloadLibraries().stream().map(Path::toString).collect(Collectors.joining(":"));
        String code = """
                import numpy, ctypes
                print(numpy.linalg.inv(numpy.eye(2)).sum(), ctypes.sizeof(ctypes.c_double))
                with open('/proc/self/maps') as maps:
                    print(*sorted({l.split()[-1] for l in maps if 'libopenblas' in l or 'libffi' in l}))""";
        Result with = python(bundled, Map.of("LD_PRELOAD", preload), code);
        assertEquals(0, with.exitCode(), with.output());
        List<String> lines = with.output().lines().toList();
        assertEquals("2.0 8", lines.getFirst());
        Path lib = bundled.home().resolve("lib");
        List<String> expected = bundled.preloadLibraries().stream()
                .filter(p -> p.getFileName().toString().matches("lib(openblas|ffi)\\..*")).map(Path::toString).sorted().toList();
        assertEquals(expected, List.of(lines.get(1).split(" ")), "numpy and ctypes use the bundled libraries");

        // Without them, the extension modules cannot find the bundled libraries: the import fails naming
        // one (libopenblas.so.0; libffi.so.7 for the 3.12 jar), or, on a machine that has a library of that
        // name itself (Debian's libopenblas0), takes the system's.
        Result without = python(bundled, Map.of(), code);
        if (without.exitCode() != 0) {
            assertTrue(bundled.preloadLibraries().stream().anyMatch(p -> without.output().contains(p.getFileName().toString())),
                    without.output());
        } else {
            String mapped = without.output().lines().toList().get(1);
            assertFalse(mapped.contains(lib.resolve("libopenblas.so.0").toString()), mapped);
        }
    }

    @Test
    void theTreeIsAnOrdinaryPythonPrefix() throws IOException {
        Path home = bundled.home();
        String version = TestRuntimes.pythonMajorMinor();
        String stdlib = TestRuntimes.stdlib();
        assertEquals(home.resolve("bin/python3"), bundled.executable());
        assertTrue(Files.isExecutable(bundled.executable()));
        assertTrue(Files.isExecutable(home.resolve("lib/libpython" + version + ".so.1.0")));
        assertEquals(Path.of("libpython" + version + ".so.1.0"),
                Files.readSymbolicLink(home.resolve("lib/libpython" + version + ".so")));
        assertTrue(Files.isRegularFile(home.resolve(stdlib + "/site-packages/numpy/__init__.py")));
        assertTrue(Files.isRegularFile(home.resolve(stdlib + "/os.py")));
        assertFalse(Files.exists(home.resolve(stdlib + "/test")), "the regression suite is left out");
        for (Path library : bundled.preloadLibraries()) {
            assertTrue(Files.isRegularFile(library) && Files.isExecutable(library), library.toString());
        }
        try (var files = Files.walk(home)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("libjni")).toList());
        }
    }

    @Test
    void scriptsRunTheUnpackedInterpreter() throws IOException {
        String expected = "#!" + bundled.home().resolve("bin/python" + TestRuntimes.pythonMajorMinor());
        assertEquals(expected, Files.readAllLines(bundled.home().resolve("bin/pip3")).getFirst());
        assertEquals(expected, Files.readAllLines(bundled.home().resolve("bin/f2py")).getFirst());
    }

    @Test
    void theProbeEnvironmentAndDescriptionSayWhereItIs() {
        Path home = bundled.home();
        assertEquals(Map.of("LD_LIBRARY_PATH", home.resolve("lib").toString(), "PYTHONHOME", home.toString()),
                bundled.probeEnvironment());
        assertTrue(bundled.description().startsWith("bundled CPython " + pythonVersion + " + numpy " + numpyVersion),
                bundled.description());
        assertTrue(bundled.description().endsWith("unpacked at " + home), bundled.description());
    }

    @Test
    void aSecondCallReusesTheTree() throws IOException {
        Path home = bundled.home();
        Path sentinel = Files.writeString(home.resolve("sentinel.txt"), "a tree unpacked again would lose me");
        Object markerKey = Files.readAttributes(home.resolve(Manifest.MARKER_FILE), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).fileKey();
        CountingEvents again = new CountingEvents();
        try {
            BundledPython second = TestRuntimes.runtime(cache, again).unpack();
            assertEquals(bundled, second);
            assertEquals(0, again.unpacks.get());
            assertTrue(Files.exists(sentinel));
            assertEquals(markerKey, Files.readAttributes(home.resolve(Manifest.MARKER_FILE), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey());
        } finally {
            Files.delete(sentinel);
        }
    }

    @Test
    void theServiceLoaderFindsIt() {
        List<Class<?>> providers = ServiceLoader.load(BundledPythonProvider.class).stream()
                .map(ServiceLoader.Provider::type).collect(Collectors.toList());
        assertEquals(List.of(BundledRuntime.class), providers);
    }
}
