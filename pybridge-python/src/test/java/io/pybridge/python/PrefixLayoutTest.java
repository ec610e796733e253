package io.pybridge.python;

import io.pybridge.python.PrefixLayout.Link;
import io.pybridge.python.PrefixLayout.Part;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixLayoutTest {
    private final PrefixLayout layout = new PrefixLayout("3.13");

    @Test
    void cpythonKeepsItsPrefixAndMovesRootLibrariesIntoLib() {
        assertEquals("bin/python3", layout.target(Part.CPYTHON, "bin/python3"));
        assertEquals("lib/python3.13/os.py", layout.target(Part.CPYTHON, "lib/python3.13/os.py"));
        assertEquals("include/python3.13/Python.h", layout.target(Part.CPYTHON, "include/python3.13/Python.h"));
        assertEquals("lib/libpython3.13.so.1.0", layout.target(Part.CPYTHON, "libpython3.13.so.1.0"));
        assertEquals("lib/libffi.so.8", layout.target(Part.CPYTHON, "libffi.so.8"));
    }

    @Test
    void javacppPiecesTheDuplicateBinaryAndTheRegressionSuiteAreLeftOut() {
        assertNull(layout.target(Part.CPYTHON, "libjnipython.so"));
        assertNull(layout.target(Part.CPYTHON, "python3.13"));
        assertNull(layout.target(Part.CPYTHON, "lib/python3.13/test/test_os.py"));
        assertEquals("lib/python3.13/unittest/test/x.py", layout.target(Part.CPYTHON, "lib/python3.13/unittest/test/x.py"));
        assertNull(layout.target(Part.NUMPY, "libjninumpy.so"));
        assertNull(layout.target(Part.OPENBLAS, "libjniopenblas_full.so"));
        assertNull(layout.target(Part.OPENBLAS, "include/cblas.h"));
    }

    @Test
    void numpyGoesIntoSitePackages() {
        assertEquals("lib/python3.13/site-packages/numpy/__init__.py",
                layout.target(Part.NUMPY, "python/numpy/__init__.py"));
        assertEquals("bin/f2py", layout.target(Part.NUMPY, "bin/f2py"));
    }

    @Test
    void openblasLibrariesGoIntoLibButNotTheSystemsGccRuntime() {
        assertEquals("lib/libopenblas.so.0", layout.target(Part.OPENBLAS, "libopenblas.so.0"));
        assertEquals("lib/libgfortran.so.5", layout.target(Part.OPENBLAS, "libgfortran.so.5"));
        assertNull(layout.target(Part.OPENBLAS, "libgcc_s.so.1"));
    }

    @Test
    void programsAndSharedLibrariesAreExecutable() {
        assertTrue(layout.executable("bin/python3"));
        assertTrue(layout.executable("lib/libpython3.13.so.1.0"));
        assertTrue(layout.executable("lib/python3.13/lib-dynload/_json.cpython-313-x86_64-linux-gnu.so"));
        assertFalse(layout.executable("lib/python3.13/os.py"));
        assertFalse(layout.executable("lib/python3.13/sober.py"));
        assertFalse(layout.executable("lib/python3.13/x.so.py"));
    }

    @Test
    void developmentLinksAreMadeOnlyWhereTheUnversionedNameIsFree() {
        List<Link> links = layout.developmentLinks(Set.of("lib/libpython3.13.so.1.0", "lib/libffi.so.8", "lib/libffi.so",
                "lib/python3.13/lib-dynload/x.so.1", "bin/python3"));
        assertEquals(List.of(new Link("lib/libpython3.13.so", "libpython3.13.so.1.0")), links);
    }

    @Test
    void preloadsStartWithTheFortranRuntimeOpenblasNeeds() throws IOException {
        assertEquals(List.of("lib/libquadmath.so.0", "lib/libgfortran.so.5", "lib/libopenblas.so.0", "lib/libffi.so.8"),
                PrefixLayout.preloadLibraries(List.of("libpython3.13.so.1.0", "libffi.so", "libffi.so.8", "python3.13")));
    }

    @Test
    void theLibffiPreloadedIsTheOneUnpackedIntoLib() throws IOException {
        assertEquals("lib/libffi.so.7", PrefixLayout.preloadLibraries(List.of("libffi.so.7")).getLast());
        IOException none = assertThrows(IOException.class, () -> PrefixLayout.preloadLibraries(List.of("libffi.so")));
        assertTrue(none.getMessage().contains("should hold one versioned libffi.so.N") && none.getMessage().endsWith("none"),
                none.getMessage());
        IOException two = assertThrows(IOException.class,
                () -> PrefixLayout.preloadLibraries(List.of("libffi.so.8", "libffi.so.7")));
        assertTrue(two.getMessage().endsWith("libffi.so.7, libffi.so.8"), two.getMessage());
    }

    @Test
    void onlyLinuxX8664IsSupported() {
        assertTrue(PrefixLayout.supports("Linux", "amd64"));
        assertTrue(PrefixLayout.supports("Linux", "x86_64"));
        assertFalse(PrefixLayout.supports("Linux", "aarch64"));
        assertFalse(PrefixLayout.supports("Mac OS X", "x86_64"));
        assertFalse(PrefixLayout.supports("Windows 11", "amd64"));
    }
}
