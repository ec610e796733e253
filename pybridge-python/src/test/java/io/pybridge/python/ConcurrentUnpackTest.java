package io.pybridge.python;

import io.pybridge.spi.BundledPython;
import io.pybridge.python.Manifest.Depth;
import io.pybridge.python.TestRuntimes.CountingEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several threads and several processes asking at once: one unpacks, the others reuse its tree. */
class ConcurrentUnpackTest {
    @TempDir
    Path cache;

    private Map<String, String> versions() throws IOException {
        try (BundledArchives archives = BundledArchives.open(getClass().getClassLoader(),
                System.getProperty("os.name"), System.getProperty("os.arch"))) {
            return archives.versions();
        }
    }

    @Test
    void twoThreadsAtOnceUnpackOnce() throws Exception {
        CountingEvents events = new CountingEvents();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BundledPython>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                BundledRuntime runtime = TestRuntimes.runtime(cache, events);   // separate instances, as in two libraries
                results.add(threads.submit(() -> {
                    start.await();
                    return runtime.unpack();
                }));
            }
            start.countDown();
            BundledPython first = results.get(0).get(5, TimeUnit.MINUTES);
            BundledPython second = results.get(1).get(5, TimeUnit.MINUTES);
            assertEquals(first, second);
            assertEquals(1, events.unpacks.get());
            assertEquals(Optional.empty(), Manifest.check(first.home(), versions(), Depth.FULL));
            TestRuntimes.assertOnlyTreeAndLock(cache, first.home());
        }
    }

    @Test
    void twoProcessesAtOnceUnpackOnce() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    UnpackMain.class.getName(), cache.toString()).redirectErrorStream(true).start());
        }
        List<String> homes = new ArrayList<>();
        int unpacks = 0;
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
            assertEquals(0, process.exitValue(), output);
            homes.add(value(output, "home"));
            unpacks += Integer.parseInt(value(output, "unpacked"));
        }
        assertEquals(homes.get(0), homes.get(1));
        assertEquals(1, unpacks, "exactly one process unpacked");
        Path home = Path.of(homes.getFirst());
        assertEquals(Optional.empty(), Manifest.check(home, versions(), Depth.FULL));
        TestRuntimes.assertOnlyTreeAndLock(cache, home);
    }

    private static String value(String output, String key) {
        return output.lines().filter(line -> line.startsWith(key + "=")).findFirst()
                .map(line -> line.substring(key.length() + 1))
                .orElseThrow(() -> new AssertionError("no " + key + "= in:\n" + output));
    }
}
