package io.pybridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModulePathTest {
    private final Python python = Python.start();

    @Test
    void addedFolderIsImportableAndAddedOnce(@TempDir Path dir) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("greeter_pkg"));
        Files.writeString(pkg.resolve("__init__.py"), "def greet(name):\n    return 'hello ' + name\n");
        python.addModulePath(dir);
        python.addModulePath(dir);
        Python again = Python.builder().modulePath(dir).start();
        assertEquals(python, again);
        python.withGil(py -> {
            assertEquals("hello java", py.importModule("greeter_pkg").callMethod("greet", "java").as(String.class));
            long entries = py.eval("__import__('sys').path.count(" + pyString(dir) + ")").as(Long.class);
            assertEquals(1L, entries);
            return null;
        });
    }

    private static String pyString(Path dir) {
        return "'" + dir.toAbsolutePath().normalize().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * A folder that was on the path before, whose finder Python cached, is read afresh when it is added
     * again: a module written into it meanwhile is found.
     */
    @Test
    void aFolderAddedAgainShowsModulesWrittenSince(@TempDir Path dir) throws IOException {
        python.addModulePath(dir);
        String folder = pyString(dir);
        python.withGil(py -> {
            py.exec("import sys\ntry:\n    import written_later\nexcept ImportError:\n    pass\n"
                    + "assert sys.path_importer_cache.get(" + folder + ") is not None\n"
                    + "sys.path.remove(" + folder + ")");
            return null;
        });
        Files.writeString(dir.resolve("written_later.py"), "VALUE = 42\n");
        python.addModulePath(dir);
        long value = python.withGil(py -> py.eval("__import__('written_later').VALUE").as(Long.class));
        assertEquals(42L, value);
    }

    @Test
    void aMissingFolderIsRefusedClearly(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> python.addModulePath(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }
}
