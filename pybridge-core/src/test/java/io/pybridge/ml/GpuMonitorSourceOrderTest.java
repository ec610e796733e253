package io.pybridge.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How GpuMonitor picks among sources: the first that opens answers; with none, every reason is kept. */
class GpuMonitorSourceOrderTest {
    private static final GpuDevice DEVICE = new GpuDevice(0, "Test GPU", 1000, 400, 600, Optional.empty());

    @Test
    void theFirstSourceThatOpensAnswersAndLaterOnesAreNotOpened() {
        CountingSource second = new CountingSource("second");
        GpuMonitor monitor = GpuMonitor.openFirst(List.of(
                unavailable("first", "no such library"),
                new GpuMonitor.SourceCandidate("second", () -> second),
                new GpuMonitor.SourceCandidate("third", () -> {
                    throw new AssertionError("a source after the one that opened was opened");
                })));

        GpuSnapshot snapshot = monitor.snapshot();

        assertEquals("second", snapshot.source());
        assertEquals(List.of(DEVICE), snapshot.devices());
        monitor.close();
        monitor.close();
        assertEquals(1, second.closes.get());
    }

    @Test
    void withNoUsableSourceTheReasonNamesEachSourceAndWhy() {
        GpuMonitor monitor = GpuMonitor.openFirst(List.of(
                unavailable("nvml", "libnvidia-ml.so.1 not found"),
                unavailable("pynvml", "No module named 'pynvml'")));

        GpuSnapshot snapshot = monitor.snapshot();

        assertEquals("none", snapshot.source());
        assertEquals(Optional.of("nvml: libnvidia-ml.so.1 not found; pynvml: No module named 'pynvml'"),
                snapshot.unavailableReason());
    }

    @Test
    void aSingleSourcesReasonIsGivenAsItIs() {
        GpuMonitor monitor = GpuMonitor.openFirst(List.of(unavailable("nvml", "libnvidia-ml.so.1 not found")));

        assertEquals(Optional.of("libnvidia-ml.so.1 not found"), monitor.snapshot().unavailableReason());
    }

    @Test
    void noSourceToTryIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> GpuMonitor.openFirst(List.of()));
    }

    private static GpuMonitor.SourceCandidate unavailable(String name, String reason) {
        return new GpuMonitor.SourceCandidate(name, () -> {
            throw new GpuSourceUnavailableException(reason);
        });
    }

    private static final class CountingSource implements GpuMemorySource {
        private final String name;
        final AtomicInteger closes = new AtomicInteger();

        CountingSource(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public GpuSnapshot snapshot() {
            return new GpuSnapshot(List.of(DEVICE), name, Optional.empty(), Optional.empty());
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
