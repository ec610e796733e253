package io.pybridge.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.testing.FakeNvml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GpuMonitor over the stand-in NVML of src/test/c/fake_nvml.c: real downcalls, fixed answers. */
class GpuMonitorNvmlTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final GpuDevice ALPHA = new GpuDevice(0, "Fake GPU Alpha 80GB", 80 * GIB, 20 * GIB, 60 * GIB,
            Optional.empty());
    private static final GpuDevice BETA_LOST = new GpuDevice(1, "Fake GPU Beta 24GB", 0, 0, 0,
            Optional.of("nvmlDeviceGetMemoryInfo failed: NVML_ERROR_GPU_IS_LOST (GPU is lost)"));

    @TempDir
    Path folder;

    @Test
    void readsEveryDeviceWithItsNameAndMemory() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library())) {
            GpuSnapshot snapshot = monitor.snapshot();

            assertEquals("nvml", snapshot.source());
            assertEquals(Optional.empty(), snapshot.unavailableReason());
            assertEquals(Optional.of("999.88.77-fake"), snapshot.driverVersion());
            assertEquals(List.of(ALPHA, BETA_LOST), snapshot.devices());
            assertEquals(snapshot.devices(), monitor.devices());
        }
    }

    @Test
    void aDeviceWhoseMemoryQueryFailsIsListedWithNvmlsErrorBesideTheOthers() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library())) {
            List<GpuDevice> devices = monitor.devices();

            assertTrue(devices.get(0).complete());
            GpuDevice lost = devices.get(1);
            assertFalse(lost.complete());
            assertEquals("Fake GPU Beta 24GB", lost.name(), "what could be read is still reported");
            assertEquals(BETA_LOST.error(), lost.error());
        }
    }

    @Test
    void aDeviceWhoseHandleCannotBeHadIsListedWithNvmlsError() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder).reportDeviceCount(3);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library())) {
            List<GpuDevice> devices = monitor.devices();

            assertEquals(3, devices.size());
            assertEquals(List.of(ALPHA, BETA_LOST), devices.subList(0, 2));
            assertEquals(new GpuDevice(2, "", 0, 0, 0, Optional.of(
                    "nvmlDeviceGetHandleByIndex_v2 failed: NVML_ERROR_INVALID_ARGUMENT (Invalid Argument)")),
                    devices.get(2));
        }
    }

    @Test
    void noDevicesGivesAnEmptySnapshotThatSaysSo() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder).reportDeviceCount(0);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library())) {
            GpuSnapshot snapshot = monitor.snapshot();

            assertEquals(List.of(), snapshot.devices());
            assertEquals("nvml", snapshot.source());
            assertEquals(Optional.of("NVML found no NVIDIA GPU (driver 999.88.77-fake)"), snapshot.unavailableReason());
        }
    }

    @Test
    void initFailureGivesAnEmptySnapshotNamingNvmlsError() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder).failInitWith(9);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library())) {
            GpuSnapshot snapshot = monitor.snapshot();

            assertEquals(List.of(), snapshot.devices());
            assertEquals("none", snapshot.source());
            assertEquals(Optional.of("nvmlInit_v2 failed: NVML_ERROR_DRIVER_NOT_LOADED (Driver Not Loaded); library: "
                    + fake.library()), snapshot.unavailableReason());
        }
        assertEquals(List.of(), fake.calls(), "a failed init is not shut down");
    }

    @Test
    void aReturnCodeNvmlHeadersDoNotNameIsStillReported() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder).failInitWith(4242);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library())) {
            String reason = monitor.snapshot().unavailableReason().orElseThrow();

            assertTrue(reason.startsWith("nvmlInit_v2 failed: NVML_RETURN_4242 (Unknown Error)"), reason);
        }
    }

    @Test
    void aMissingLibraryGivesAnEmptySnapshotNamingThePathTried() {
        Path missing = folder.resolve(FakeNvml.LIBRARY_NAME);
        try (GpuMonitor monitor = GpuMonitor.nvml(missing)) {
            GpuSnapshot snapshot = monitor.snapshot();

            assertEquals(List.of(), snapshot.devices());
            assertEquals(Optional.of("libnvidia-ml.so.1 not found (tried: " + missing.toAbsolutePath() + ")"),
                    snapshot.unavailableReason());
        }
    }

    @Test
    void aFileThatIsNotALibraryIsReportedAsRefused() throws IOException {
        Path notALibrary = Files.writeString(folder.resolve(FakeNvml.LIBRARY_NAME), "not an ELF file");
        try (GpuMonitor monitor = GpuMonitor.nvml(notALibrary)) {
            assertEquals(Optional.of("libnvidia-ml.so.1 could not be loaded (tried: " + notALibrary.toAbsolutePath()
                    + " (exists, but the dynamic loader refused it))"), monitor.snapshot().unavailableReason());
        }
    }

    @Test
    void aLibraryWithoutNvmlsV2FunctionsIsRefusedByName() throws IOException {
        FakeNvml legacy = FakeNvml.installLegacyIn(folder);
        try (GpuMonitor monitor = GpuMonitor.nvml(legacy.library())) {
            String reason = monitor.snapshot().unavailableReason().orElseThrow();

            assertTrue(reason.startsWith(legacy.library() + " has no nvmlInit_v2: "), reason);
        }
        assertEquals(List.of(), legacy.calls(), "nothing of a refused library is called");
    }

    @Test
    void closingTwiceShutsNvmlDownOnce() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder);
        GpuMonitor monitor = GpuMonitor.nvml(fake.library());
        monitor.close();
        monitor.close();

        assertEquals(List.of("nvmlInit_v2", "nvmlShutdown"), fake.calls());
    }

    @Test
    void useAfterCloseThrowsIllegalStateException() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder);
        GpuMonitor monitor = GpuMonitor.nvml(fake.library());
        monitor.close();

        IllegalStateException thrown = assertThrows(IllegalStateException.class, monitor::snapshot);
        assertTrue(thrown.getMessage().contains("closed"), thrown.getMessage());
        assertThrows(IllegalStateException.class, monitor::devices);
    }

    @Test
    void useAfterCloseThrowsEvenWithoutAGpu() {
        GpuMonitor monitor = GpuMonitor.nvml(folder.resolve(FakeNvml.LIBRARY_NAME));
        monitor.close();

        assertThrows(IllegalStateException.class, monitor::snapshot);
    }

    @Test
    void closingOneMonitorLeavesAnotherOnTheSameLibraryWorking() throws IOException {
        FakeNvml fake = FakeNvml.installIn(folder);
        try (GpuMonitor first = GpuMonitor.nvml(fake.library());
             GpuMonitor second = GpuMonitor.nvml(fake.library())) {
            first.close();

            assertEquals(List.of(ALPHA, BETA_LOST), second.devices());
        }
        assertEquals(List.of("nvmlInit_v2", "nvmlInit_v2", "nvmlShutdown", "nvmlShutdown"), fake.calls());
    }

    @Test
    void snapshotsFromManyThreadsAtOnceAllSeeTheSameDevices() throws Exception {
        FakeNvml fake = FakeNvml.installIn(folder);
        try (GpuMonitor monitor = GpuMonitor.nvml(fake.library());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<GpuDevice>>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(threads.submit(monitor::devices));
            }
            for (Future<List<GpuDevice>> result : results) {
                assertEquals(List.of(ALPHA, BETA_LOST), result.get());
            }
        }
    }
}
