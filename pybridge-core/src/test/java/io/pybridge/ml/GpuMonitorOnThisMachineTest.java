package io.pybridge.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GpuMonitor.open() against whatever this machine has: a GPU, or (usually, in CI) none at all. */
class GpuMonitorOnThisMachineTest {

    @Test
    void openNeverThrowsAndEitherListsDevicesOrSaysWhyNot() {
        try (GpuMonitor monitor = GpuMonitor.open()) {
            GpuSnapshot snapshot = monitor.snapshot();

            if (snapshot.available()) {
                assertEquals("nvml", snapshot.source());
                for (int i = 0; i < snapshot.devices().size(); i++) {
                    GpuDevice device = snapshot.devices().get(i);
                    assertEquals(i, device.index());
                    if (device.complete()) {
                        assertFalse(device.name().isBlank(), device.toString());
                        assertTrue(device.totalBytes() > 0, device.toString());
                        assertTrue(device.usedBytes() <= device.totalBytes(), device.toString());
                        assertTrue(device.freeBytes() <= device.totalBytes(), device.toString());
                    }
                }
            } else {
                String reason = snapshot.unavailableReason().orElseThrow();
                assertFalse(reason.isBlank());
            }
        }
    }

    @Test
    void withoutAnNvidiaDriverTheReasonListsThePlacesThePlatformKeepsNvml() throws IOException {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"), "Linux places");
        assumeFalse(nvmlInstalled(), "this machine has libnvidia-ml.so.1");
        try (GpuMonitor monitor = GpuMonitor.open()) {
            GpuSnapshot snapshot = monitor.snapshot();

            assertEquals(List.of(), snapshot.devices());
            assertEquals("none", snapshot.source());
            assertEquals(Optional.empty(), snapshot.driverVersion());
            String reason = snapshot.unavailableReason().orElseThrow();
            assertTrue(reason.startsWith("libnvidia-ml.so.1 not found (tried: libnvidia-ml.so.1 (by name), "), reason);
            for (String folder : List.of("/usr/lib64", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib")) {
                assertTrue(reason.contains(folder + "/libnvidia-ml.so.1"), reason);
            }
        }
    }

    /** Independent of the code under test: the usual folders, LD_LIBRARY_PATH, and the loader's cache. */
    private static boolean nvmlInstalled() throws IOException {
        List<String> folders = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/usr/lib64", "/usr/lib", "/lib", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib",
                "/run/opengl-driver/lib"));
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            folders.addAll(List.of(libraryPath.split(":")));
        }
        for (String folder : folders) {
            if (!folder.isEmpty() && Files.exists(Path.of(folder, "libnvidia-ml.so.1"))) {
                return true;
            }
        }
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (Files.isExecutable(Path.of(ldconfig))) {
                Process cache = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                String listing = new String(cache.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return listing.contains("libnvidia-ml.so.1");
            }
        }
        return false;
    }
}
