package io.pybridge.python;

import io.pybridge.spi.BundledPython;
import io.pybridge.python.TestRuntimes.CountingEvents;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cache folder that cannot be used: the temporary fallback, read-only reuse, and failures. */
class CacheFallbackTest {
    @TempDir
    Path temp;

    /** A cache folder nobody can create, whatever the user's rights: a regular file is in the way. */
    private Path unusableFolder(String name) throws IOException {
        return Files.writeString(temp.resolve(name), "a file, not a folder").resolve("pybridge");
    }

    @Test
    void anUnwritableCacheFallsBackToAPrivateTemporaryFolder() throws Exception {
        CachePlace userCache = new CachePlace(unusableFolder("home-cache"), "~/.cache", false);
        CachePlace fallback = new CachePlace(temp.resolve("tmp/pybridge-ada"), "java.io.tmpdir fallback", true);

        BundledPython python = new BundledRuntime(List.of(userCache, fallback), getClass().getClassLoader(),
                UnpackEvents.NONE, false).unpack();

        assertEquals(fallback.directory(), python.home().getParent());
        assertTrue(python.description().contains("temporary fallback; could not use " + userCache), python.description());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback.directory())));
        assertEquals(0, TestRuntimes.python(python, python.probeEnvironment(), "import numpy").exitCode());
    }

    @Test
    void whenEveryPlaceFailsTheMessageNamesThemAll() throws IOException {
        CachePlace first = new CachePlace(unusableFolder("a"), "~/.cache", false);
        CachePlace second = new CachePlace(unusableFolder("b"), "java.io.tmpdir fallback", true);

        IOException e = assertThrows(IOException.class, () -> new BundledRuntime(List.of(first, second),
                getClass().getClassLoader(), UnpackEvents.NONE, false).unpack());

        assertTrue(e.getMessage().startsWith("cannot unpack the bundled CPython " + TestRuntimes.pythonMajorMinor() + "."), e.getMessage());
        assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(second.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(first.directory().getParent().toString()), "says what was in the way: " + e.getMessage());
    }

    @Test
    void aTemporaryFolderOpenToOthersIsMadePrivateBeforeUse() throws Exception {
        Path shared = Files.createDirectories(temp.resolve("tmp/pybridge-ada"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        Folders.createPrivate(shared);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    @Test
    void aTemporaryFolderOfAnotherUserIsNeverUsedEvenWithACompleteTreeInside() throws Exception {
        Path folder = temp.resolve("tmp/pybridge-ada");
        BundledPython planted = TestRuntimes.runtime(folder).unpack();
        UserPrincipal other = otherUser();
        Assumptions.assumeTrue(other != null, "changing a folder's owner needs root");
        Files.setOwner(folder, other);
        CachePlace fallback = new CachePlace(folder, "java.io.tmpdir fallback", true);

        IOException e = assertThrows(IOException.class, () -> new BundledRuntime(List.of(fallback),
                getClass().getClassLoader(), UnpackEvents.NONE, false).unpack());

        assertTrue(e.getMessage().contains(folder + " belongs to " + other.getName()), e.getMessage());
        assertTrue(Files.exists(planted.executable()), "left alone");
    }

    /** Another user to give a folder to, or null when this process may not (it is not root). */
    private UserPrincipal otherUser() throws IOException {
        Path probe = Files.createTempFile(temp, "owner", ".probe");
        try {
            UserPrincipal nobody = probe.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(probe, nobody);
            return nobody;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void aSymbolicLinkInPlaceOfTheTemporaryFolderIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("pybridge-ada"), elsewhere);

        IOException e = assertThrows(IOException.class, () -> Folders.createPrivate(link));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
    }

    @Test
    void aCompleteTreeIsReusedWhereNothingCanBeWritten() throws Exception {
        Path cache = temp.resolve("cache");
        BundledPython unpacked = TestRuntimes.runtime(cache).unpack();
        // The lock file cannot be opened for writing when a folder stands in its place.
        Path lock = cache.resolve(unpacked.home().getFileName() + ".lock");
        Files.delete(lock);
        Files.createDirectory(lock);

        CountingEvents events = new CountingEvents();
        assertEquals(unpacked, TestRuntimes.runtime(cache, events).unpack());
        assertEquals(0, events.unpacks.get());
    }

    @Test
    void aFailureMidwayLeavesNothingBehind() throws Exception {
        Path cache = temp.resolve("cache");
        CountingEvents failing = new CountingEvents(500);

        IOException e = assertThrows(IOException.class, () -> TestRuntimes.runtime(cache, failing).unpack());

        assertTrue(e.getMessage().contains("simulated failure after 500 files"), e.getMessage());
        List<String> left = TestRuntimes.names(cache);
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.getFirst().endsWith(".lock"), "only the lock file stays: " + left);

        BundledPython python = TestRuntimes.runtime(cache).unpack();
        assertEquals(0, TestRuntimes.python(python, python.probeEnvironment(), "import numpy").exitCode());
    }
}
