package io.pybridge.python;

import io.pybridge.python.Manifest.Depth;
import io.pybridge.python.PrefixLayout.Link;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTest {
    private static final Map<String, String> VERSIONS = Map.of("cpython", "3.13.5-1.5.12", "numpy", "2.3.1-1.5.12");

    @TempDir
    Path tree;

    @BeforeEach
    void writeTree() throws IOException {
        Files.createDirectories(tree.resolve("lib/python3.13"));
        Files.writeString(tree.resolve("lib/python3.13/os.py"), "import sys\n");
        Files.writeString(tree.resolve("lib/libpython3.13.so.1.0"), "not really a library");
        Files.createSymbolicLink(tree.resolve("lib/libpython3.13.so"), Path.of("libpython3.13.so.1.0"));
        Map<String, Integer> checksums = Map.of(
                "lib/python3.13/os.py", Checksums.crc32c(tree.resolve("lib/python3.13/os.py")),
                "lib/libpython3.13.so.1.0", Checksums.crc32c(tree.resolve("lib/libpython3.13.so.1.0")));
        Manifest.describe(tree, tree, checksums, List.of(new Link("lib/libpython3.13.so", "libpython3.13.so.1.0")), VERSIONS)
                .write(tree);
    }

    private Optional<String> check(Depth depth) throws IOException {
        return Manifest.check(tree, VERSIONS, depth);
    }

    @Test
    void anIntactTreePassesBothChecksAndExtraFilesDoNotMatter() throws IOException {
        Files.createDirectories(tree.resolve("lib/python3.13/__pycache__"));
        Files.writeString(tree.resolve("lib/python3.13/__pycache__/os.cpython-313.pyc"), "bytecode");
        assertEquals(Optional.empty(), check(Depth.QUICK));
        assertEquals(Optional.empty(), check(Depth.FULL));
    }

    @Test
    void aTruncatedFileIsFound() throws IOException {
        Files.writeString(tree.resolve("lib/python3.13/os.py"), "imp");
        assertEquals(Optional.of("lib/python3.13/os.py has 3 bytes instead of 11"), check(Depth.QUICK));
    }

    @Test
    void aMissingFileIsFound() throws IOException {
        Files.delete(tree.resolve("lib/libpython3.13.so.1.0"));
        assertEquals(Optional.of("lib/libpython3.13.so.1.0 is missing"), check(Depth.QUICK));
    }

    @Test
    void aRewrittenFileOfTheSameSizeIsFoundByItsTime() throws IOException {
        Path file = tree.resolve("lib/python3.13/os.py");
        FileTime unpacked = Files.getLastModifiedTime(file);
        Files.writeString(file, "import os\n\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(unpacked.toMillis() + 5_000));
        assertEquals(Optional.of("lib/python3.13/os.py was modified after unpacking"), check(Depth.QUICK));
    }

    @Test
    void aSameSizeEditWithItsTimeRestoredIsFoundOnlyByTheFullCheck() throws IOException {
        Path file = tree.resolve("lib/python3.13/os.py");
        FileTime unpacked = Files.getLastModifiedTime(file);
        Files.writeString(file, "import os\n\n");
        Files.setLastModifiedTime(file, unpacked);
        assertEquals(Optional.empty(), check(Depth.QUICK));
        assertEquals(Optional.of("lib/python3.13/os.py does not match its checksum"), check(Depth.FULL));
    }

    @Test
    void aChangedLinkIsFound() throws IOException {
        Files.delete(tree.resolve("lib/libpython3.13.so"));
        Files.createSymbolicLink(tree.resolve("lib/libpython3.13.so"), Path.of("/usr/lib/libpython3.13.so.1.0"));
        assertEquals(Optional.of("lib/libpython3.13.so does not point to libpython3.13.so.1.0"), check(Depth.QUICK));
    }

    @Test
    void aMissingMarkerMeansIncomplete() throws IOException {
        Files.delete(tree.resolve(Manifest.MARKER_FILE));
        assertEquals(Optional.of("its completion marker .pybridge-complete is missing"), check(Depth.QUICK));
    }

    @Test
    void anEditedManifestNoLongerMatchesItsMarker() throws IOException {
        Path manifest = tree.resolve(Manifest.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\t11\t", "\t3\t"));
        assertEquals(Optional.of("its manifest does not match its completion marker"), check(Depth.QUICK));
    }

    @Test
    void aTreeFromOtherJarsIsNotReused() throws IOException {
        Optional<String> problem = Manifest.check(tree, Map.of("cpython", "3.14.0-1.5.13", "numpy", "2.3.1-1.5.12"),
                Depth.QUICK);
        assertTrue(problem.orElseThrow().startsWith("it was unpacked from other jars"), problem.orElseThrow());
    }

    @Test
    void aTreeMovedOrCopiedElsewhereIsNotIntactThere() throws IOException {
        Path moved = Files.move(tree, tree.resolveSibling(tree.getFileName() + "-moved"));
        try {
            Optional<String> problem = Manifest.check(moved, VERSIONS, Depth.QUICK);
            assertEquals(Optional.of("it was unpacked for " + tree + ", not for this folder"), problem);
        } finally {
            Files.move(moved, tree);
        }
    }

    @Test
    void theManifestIsPlainText() throws IOException {
        List<String> lines = Files.readAllLines(tree.resolve(Manifest.MANIFEST_FILE), StandardCharsets.UTF_8);
        assertEquals("pybridge bundled-python manifest 1", lines.getFirst());
        assertEquals("prefix\t" + tree, lines.get(1));
        assertTrue(lines.contains("link\tlibpython3.13.so.1.0\tlib/libpython3.13.so"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("file\t11\t") && l.endsWith("\tlib/python3.13/os.py")),
                lines.toString());
    }
}
