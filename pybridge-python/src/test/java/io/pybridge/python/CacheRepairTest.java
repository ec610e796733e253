package io.pybridge.python;

import io.pybridge.spi.BundledPython;
import io.pybridge.python.Manifest.Depth;
import io.pybridge.python.TestRuntimes.CountingEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A damaged tree is found on the next start, taken away and unpacked again. */
class CacheRepairTest {
    @TempDir
    static Path cache;
    static Map<String, String> versions;

    @BeforeAll
    static void readVersions() throws IOException {
        try (BundledArchives archives = BundledArchives.open(CacheRepairTest.class.getClassLoader(),
                System.getProperty("os.name"), System.getProperty("os.arch"))) {
            versions = archives.versions();
        }
    }

    enum Damage {
        TRUNCATED_FILE {
            @Override
            void apply(Path home) throws IOException {
                try (FileChannel channel = FileChannel.open(home.resolve(OS_PY), StandardOpenOption.WRITE)) {
                    channel.truncate(channel.size() / 2);
                }
            }
        },
        DELETED_FILE {
            @Override
            void apply(Path home) throws IOException {
                Files.delete(home.resolve(NUMPY_INIT));
            }
        },
        MISSING_MARKER {
            @Override
            void apply(Path home) throws IOException {
                Files.delete(home.resolve(Manifest.MARKER_FILE));
            }
        },
        MISSING_MANIFEST {
            @Override
            void apply(Path home) throws IOException {
                Files.delete(home.resolve(Manifest.MANIFEST_FILE));
            }
        };

        static final String OS_PY = TestRuntimes.stdlib() + "/os.py";
        static final String NUMPY_INIT = TestRuntimes.stdlib() + "/site-packages/numpy/__init__.py";

        abstract void apply(Path home) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedTreeIsUnpackedAgain(Damage damage) throws Exception {
        BundledPython intact = TestRuntimes.runtime(cache).unpack();
        Path home = intact.home();
        Path sentinel = Files.writeString(home.resolve("sentinel.txt"), "gone once the tree is redone");
        damage.apply(home);

        CountingEvents events = new CountingEvents();
        BundledPython repaired = TestRuntimes.runtime(cache, events).unpack();

        assertEquals(intact, repaired);
        assertEquals(1, events.unpacks.get());
        assertFalse(Files.exists(sentinel), "the damaged tree was replaced, not patched");
        assertEquals(Optional.empty(), Manifest.check(home, versions, Depth.FULL));
        TestRuntimes.assertOnlyTreeAndLock(cache, home);
    }

    @Test
    void whatACrashedUnpackLeftBehindIsRemoved() throws Exception {
        Path home = TestRuntimes.runtime(cache).unpack().home();
        String name = home.getFileName().toString();
        Path halfWritten = Files.createDirectories(cache.resolve("." + name + ".tmp-crashed/" + TestRuntimes.stdlib()));
        Files.writeString(halfWritten.resolve("os.py"), "import sy");
        Files.createDirectories(cache.resolve("." + name + ".old-crashed/bin"));

        TestRuntimes.runtime(cache).unpack();

        TestRuntimes.assertOnlyTreeAndLock(cache, home);
    }
}
