package io.pybridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModulePathsTest {
    @TempDir
    Path temp;

    private Path pkg(Path root, String relative) throws IOException {
        Path dir = Files.createDirectories(root.resolve(relative));
        Files.writeString(dir.resolve("__init__.py"), "");
        return root;
    }

    @Test
    void normalizeStripsTheExtendedLengthPrefixOfDrivePaths() {
        assertEquals("C:\\app\\python", ModulePaths.normalize("\\\\?\\C:\\app\\python"));
        assertEquals("d:\\", ModulePaths.normalize("\\\\?\\d:\\"));
        assertEquals("C:", ModulePaths.normalize("\\\\?\\C:"));
    }

    @Test
    void normalizeTurnsExtendedUncPathsIntoPlainUncPaths() {
        assertEquals("\\\\server\\share\\python", ModulePaths.normalize("\\\\?\\UNC\\server\\share\\python"));
        assertEquals("\\\\server\\share", ModulePaths.normalize("\\\\?\\unc\\server\\share"));
    }

    @Test
    void normalizeLeavesEverythingElseAlone() {
        for (String path : new String[]{"/home/me/python", "C:\\app\\python", "\\\\server\\share\\x",
                "\\\\?\\Volume{0b6a4c2e-0000-0000-0000-100000000000}\\python", "\\\\.\\C:\\x", "", "relative\\dir",
                "//?/C:/app"}) {
            assertEquals(path, ModulePaths.normalize(path));
        }
    }

    @Test
    void findReturnsTheFirstCandidateHoldingThePackageCanonical() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path first = pkg(temp.resolve("first"), "embedders");
        pkg(temp.resolve("second"), "embedders");
        Path viaDots = empty.resolve("..").resolve("first");
        assertEquals(first.toRealPath(), ModulePaths.find("embedders", empty, viaDots, temp.resolve("second")));
    }

    @Test
    void findResolvesSymbolicLinks() throws IOException {
        Path real = pkg(temp.resolve("real"), "embedders");
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        assertEquals(real.toRealPath(), ModulePaths.find("embedders", link));
    }

    @Test
    void dottedNamesAreNestedFoldersAndTheRootIsReturned() throws IOException {
        Path root = temp.resolve("src");
        Files.createDirectories(root.resolve("acme/models"));
        Files.writeString(root.resolve("acme/models/__init__.py"), "");
        assertEquals(root.toRealPath(), ModulePaths.find("acme.models", root));
    }

    @Test
    void noCandidateListsEachAndWhatItLacked() throws IOException {
        Path missing = temp.resolve("missing");
        Path file = Files.writeString(temp.resolve("file"), "");
        Path noPackage = Files.createDirectories(temp.resolve("nopkg"));
        Path namespace = Files.createDirectories(temp.resolve("ns/embedders")).getParent();
        PythonImportException e = assertThrows(PythonImportException.class,
                () -> ModulePaths.find("embedders", missing, file, noPackage, namespace));
        String message = e.getMessage();
        assertTrue(message.startsWith("package 'embedders' not found: looked for embedders/__init__.py in"), message);
        assertTrue(message.contains(missing + ": no such folder"), message);
        assertTrue(message.contains(file + ": not a folder"), message);
        assertTrue(message.contains(noPackage + ": no folder embedders"), message);
        assertTrue(message.contains(namespace + ": folder embedders has no __init__.py"), message);
    }

    @Test
    void relativeCandidatesAreShownAbsolute() {
        PythonImportException e = assertThrows(PythonImportException.class,
                () -> ModulePaths.find("embedders", Path.of("no-such-python-dir")));
        assertTrue(e.getMessage().contains(Path.of("no-such-python-dir").toAbsolutePath() + ": no such folder"), e.getMessage());
    }

    @Test
    void badNamesAndEmptyCandidateListsAreCallerErrors() {
        for (String name : new String[]{"", "a..b", "1abc", "a-b", "a/b", ".a", "a."}) {
            assertThrows(IllegalArgumentException.class, () -> ModulePaths.find(name, temp), name);
        }
        assertThrows(IllegalArgumentException.class, () -> ModulePaths.find("embedders"));
        assertThrows(NullPointerException.class, () -> ModulePaths.find("embedders", (Path) null));
    }
}
