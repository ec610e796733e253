package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search order, against file sets given as data: no files are created. */
class LibpythonLocatorTest {

    private static BuildConfig posix(String libDir, String ldLibrary, String instSoName, boolean shared,
                                     String abiFlags, String multiarch) {
        return new BuildConfig(Optional.of(Path.of(libDir)), Optional.empty(), ldLibrary, instSoName, shared, false,
                false, abiFlags, "", multiarch, "", Optional.empty());
    }

    private static LibraryLookup locate(LibpythonLocator.Facts facts, Path... existing) {
        Set<Path> files = Set.of(existing);
        return LibpythonLocator.locate(facts, files::contains);
    }

    @Test
    void debianStaticInterpreterFindsTheSonameInItsMultiarchLibdir() {
        // Debian's /usr/bin/python3.11 as a static build: LDLIBRARY and INSTSONAME name the .a
        BuildConfig build = posix("/usr/lib/x86_64-linux-gnu", "libpython3.11.a", "libpython3.11.a", false, "",
                "x86_64-linux-gnu");
        var facts = new LibpythonLocator.Facts("linux", new PythonVersion(3, 11, 2), Path.of("/usr"), Path.of("/usr"),
                Path.of("/usr/bin/python3.11"), build);
        Path soname = Path.of("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0");
        LibraryLookup lookup = locate(facts, soname, Path.of("/usr/lib/x86_64-linux-gnu/libpython3.11.a"));
        assertEquals(Optional.of(soname), lookup.found());
        assertFalse(lookup.searched().stream().anyMatch(p -> p.toString().endsWith(".a")), "a static archive is never a candidate");
    }

    @Test
    void instSoNameInLibdirComesFirst() {
        BuildConfig build = posix("/opt/py/lib", "libpython3.12.so", "libpython3.12.so.1.0", true, "", "");
        var facts = new LibpythonLocator.Facts("linux", new PythonVersion(3, 12, 1), Path.of("/opt/py"),
                Path.of("/opt/py"), Path.of("/opt/py/bin/python3"), build);
        List<Path> candidates = LibpythonLocator.candidates(facts);
        assertEquals(Path.of("/opt/py/lib/libpython3.12.so.1.0"), candidates.getFirst());
        assertEquals(Path.of("/opt/py/lib/libpython3.12.so"), candidates.get(1));
        assertEquals(candidates.size(), Set.copyOf(candidates).size(), "no path is tried twice");
    }

    @Test
    void freeThreadedBuildLooksForTheTName() {
        BuildConfig build = posix("/opt/py/lib", "libpython3.13t.a", "libpython3.13t.a", false, "t", "");
        var facts = new LibpythonLocator.Facts("linux", new PythonVersion(3, 13, 0), Path.of("/opt/py"),
                Path.of("/opt/py"), Path.of("/opt/py/bin/python3.13t"), build);
        Path library = Path.of("/opt/py/lib/libpython3.13t.so");
        assertEquals(Optional.of(library), locate(facts, library, Path.of("/opt/py/lib/libpython3.13.so")).found());
    }

    @Test
    void nothingFoundListsEveryPlaceLooked() {
        BuildConfig build = posix("/opt/py/lib", "libpython3.12.a", "libpython3.12.a", false, "", "x86_64-linux-gnu");
        var facts = new LibpythonLocator.Facts("linux", new PythonVersion(3, 12, 1), Path.of("/opt/py"),
                Path.of("/opt/py"), Path.of("/opt/py/bin/python3"), build);
        LibraryLookup lookup = locate(facts);
        assertTrue(lookup.found().isEmpty());
        assertTrue(lookup.searched().contains(Path.of("/opt/py/lib/x86_64-linux-gnu/libpython3.12.so.1.0")));
        String description = lookup.describeSearch();
        assertTrue(description.startsWith("libpython3.12.so.1.0, libpython3.12.so.1, libpython3.12.so in /opt/py/lib, "),
                description);
    }

    @Test
    void macOsFrameworkBuildFindsTheFrameworkBinary() {
        Path versions = Path.of("/Library/Frameworks/Python.framework/Versions/3.12");
        BuildConfig build = new BuildConfig(Optional.of(versions.resolve("lib")), Optional.empty(),
                "Python.framework/Versions/3.12/Python", "Python.framework/Versions/3.12/Python", false, false, false,
                "", ".cpython-312-darwin.so", "", "Python", Optional.of(Path.of("/Library/Frameworks")));
        var facts = new LibpythonLocator.Facts("darwin", new PythonVersion(3, 12, 1), versions, versions,
                versions.resolve("bin/python3.12"), build);
        Path framework = versions.resolve("Python");
        assertEquals(Optional.of(framework), locate(facts, framework, versions.resolve("lib/libpython3.12.dylib")).found());
    }

    @Test
    void macOsNonFrameworkBuildLooksForTheDylib() {
        BuildConfig build = posix("/opt/homebrew/opt/py/lib", "libpython3.12.dylib", "libpython3.12.dylib", true, "", "");
        var facts = new LibpythonLocator.Facts("darwin", new PythonVersion(3, 12, 1), Path.of("/opt/homebrew/opt/py"),
                Path.of("/opt/homebrew/opt/py"), Path.of("/opt/homebrew/opt/py/bin/python3"), build);
        Path dylib = Path.of("/opt/homebrew/opt/py/lib/libpython3.12.dylib");
        assertEquals(Optional.of(dylib), locate(facts, dylib).found());
        assertTrue(LibpythonLocator.candidates(facts).stream().noneMatch(p -> p.toString().contains(".so")));
    }

    @Test
    void windowsLooksForPythonXyDllBesideTheBaseInterpreter() {
        BuildConfig none = new BuildConfig(Optional.empty(), Optional.empty(), "", "", false, false, false, "", ".cp312-win_amd64.pyd",
                "", "", Optional.empty());
        Path base = Path.of("/C/Python312");
        var facts = new LibpythonLocator.Facts("win32", new PythonVersion(3, 12, 1), base, base,
                base.resolve("python.exe"), none);
        assertEquals(List.of(base.resolve("python312.dll")), LibpythonLocator.candidates(facts));

        BuildConfig freeThreadedDebug = new BuildConfig(Optional.empty(), Optional.empty(), "", "", false, true, true, "",
                "", "", "", Optional.empty());
        var ft = new LibpythonLocator.Facts("win32", new PythonVersion(3, 13, 0), base, base,
                Path.of("/C/Other/python.exe"), freeThreadedDebug);
        assertEquals(List.of(Path.of("/C/Other/python313t_d.dll"), base.resolve("python313t_d.dll")),
                LibpythonLocator.candidates(ft));
    }
}
