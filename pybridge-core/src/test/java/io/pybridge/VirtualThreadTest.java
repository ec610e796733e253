package io.pybridge;

import io.pybridge.testing.Fixtures;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand virtual threads calling Python: every result is right, and no virtual thread is pinned
 * to its carrier by the bridge (JFR's {@code jdk.VirtualThreadPinned}, recorded with no threshold).
 */
class VirtualThreadTest {
    private static final int THREADS = 10_000;
    private static final int CALLS_EACH = 3;

    private final Python python = Fixtures.python();

    @Test
    void tenThousandVirtualThreadsCallPythonWithoutPinning() throws Exception {
        Path dump = Files.createTempFile("pybridge-pinning", ".jfr");
        try (PyObject add = python.withGil(py -> {
            py.exec("def vt_add(a, b):\n    return a + b\n");
            return py.eval("vt_add");
        })) {
            List<RecordedEvent> pinned;
            try (Recording recording = new Recording()) {
                recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
                recording.start();
                runVirtualThreads(add);
                recording.stop();
                recording.dump(dump);
            }
            pinned = RecordingFile.readAllEvents(dump);
            List<String> byBridge = pinned.stream().filter(VirtualThreadTest::involvesTheBridge)
                    .map(VirtualThreadTest::describe).toList();
            System.out.println("jdk.VirtualThreadPinned events: " + pinned.size() + " in all, " + byBridge.size()
                    + " with bridge frames");
            assertEquals(List.of(), byBridge);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private void runVirtualThreads(PyObject add) throws Exception {
        List<Future<Long>> results = new ArrayList<>(THREADS);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < THREADS; i++) {
                long n = i;
                results.add(threads.submit(() -> {
                    long sum = 0;
                    for (int c = 0; c < CALLS_EACH; c++) {
                        try (PyObject r = add.call(n, c)) {
                            sum += r.as(Long.class);
                        }
                    }
                    long viaWithGil = python.withGil(py -> py.eval(n + " * 2").as(Long.class));
                    return sum + viaWithGil;
                }));
            }
        }
        for (int i = 0; i < THREADS; i++) {
            long expected = (long) CALLS_EACH * i + (long) CALLS_EACH * (CALLS_EACH - 1) / 2 + 2L * i;
            assertEquals(expected, results.get(i).get(), "virtual thread " + i);
        }
        assertTrue(results.stream().allMatch(Future::isDone));
    }

    private static boolean involvesTheBridge(RecordedEvent event) {
        return event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getType().getName().startsWith("io.pybridge."));
    }

    private static String describe(RecordedEvent event) {
        StringBuilder text = new StringBuilder("pinned for " + event.getDuration() + " (" + event.getValue("pinnedReason") + "):");
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            text.append("\n    at ").append(frame.getMethod().getType().getName()).append('.')
                    .append(frame.getMethod().getName());
        }
        return text.toString();
    }
}
