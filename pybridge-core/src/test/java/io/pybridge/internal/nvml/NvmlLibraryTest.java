package io.pybridge.internal.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pybridge.testing.FakeNvml;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw binding over the stand-in NVML: misuse gives Java exceptions, never a crash. */
class NvmlLibraryTest {

    @Test
    void callsBeforeInitAreNvmlErrorsNotCrashes(@TempDir Path folder) throws Exception {
        NvmlLibrary nvml = NvmlLibrary.open(NvmlLocations.of(FakeNvml.installIn(folder).library()));

        NvmlCallException thrown = assertThrows(NvmlCallException.class, nvml::deviceCount);
        assertEquals("nvmlDeviceGetCount_v2", thrown.function());
        assertEquals(1, thrown.returnCode());
        assertEquals("nvmlDeviceGetCount_v2 failed: NVML_ERROR_UNINITIALIZED (Uninitialized)", thrown.getMessage());
    }

    @Test
    void aDeviceOfOneLibraryIsRefusedByAnother(@TempDir Path first, @TempDir Path second) throws Exception {
        NvmlLibrary one = NvmlLibrary.open(NvmlLocations.of(FakeNvml.installIn(first).library()));
        NvmlLibrary other = NvmlLibrary.open(NvmlLocations.of(FakeNvml.installIn(second).library()));
        one.init();
        other.init();
        try {
            NvmlDevice device = one.device(0);

            assertEquals("Fake GPU Alpha 80GB", one.deviceName(device));
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> other.memoryInfo(device));
            assertTrue(thrown.getMessage().contains("belongs to another NVML library"), thrown.getMessage());
        } finally {
            one.shutdown();
            other.shutdown();
        }
    }

    @Test
    void aNegativeDeviceIndexIsRefusedBeforeNvmlIsCalled(@TempDir Path folder) throws Exception {
        NvmlLibrary nvml = NvmlLibrary.open(NvmlLocations.of(FakeNvml.installIn(folder).library()));

        assertThrows(IllegalArgumentException.class, () -> nvml.device(-1));
    }

    @Test
    void readsTheMemoryStructFieldByField(@TempDir Path folder) throws Exception {
        NvmlLibrary nvml = NvmlLibrary.open(NvmlLocations.of(FakeNvml.installIn(folder).library()));
        nvml.init();
        try {
            long gib = 1L << 30;
            assertEquals(new NvmlMemoryInfo(80 * gib, 60 * gib, 20 * gib), nvml.memoryInfo(nvml.device(0)));
        } finally {
            nvml.shutdown();
        }
    }

    @Test
    void shuttingDownMoreOftenThanInitializedIsAnNvmlError(@TempDir Path folder) throws Exception {
        FakeNvml fake = FakeNvml.installIn(folder);
        NvmlLibrary nvml = NvmlLibrary.open(NvmlLocations.of(fake.library()));
        nvml.init();
        nvml.shutdown();

        NvmlCallException thrown = assertThrows(NvmlCallException.class, nvml::shutdown);
        assertEquals(1, thrown.returnCode());
        assertEquals(List.of("nvmlInit_v2", "nvmlShutdown"), fake.calls());
    }

    @Test
    void notFoundListsEveryPlaceTriedInOrder(@TempDir Path folder) {
        Path missing = folder.resolve("a/libnvidia-ml.so.1");
        NvmlLocations two = new NvmlLocations("libnvidia-ml.so.1", "Linux", List.of(
                new NvmlLocations.Candidate("libpybridge-no-such-library.so.1", true),
                new NvmlLocations.Candidate(missing.toString(), false)));

        NvmlUnavailableException thrown = assertThrows(NvmlUnavailableException.class, () -> NvmlLibrary.open(two));
        assertEquals("libnvidia-ml.so.1 not found (tried: libpybridge-no-such-library.so.1 (by name), " + missing + ")",
                thrown.getMessage());
    }

    @Test
    void aLibraryWithoutTheOptionalDriverVersionIsStillUsed(@TempDir Path folder) throws Exception {
        NvmlLibrary nvml = NvmlLibrary.open(NvmlLocations.of(FakeNvml.installWithoutDriverVersionIn(folder).library()));
        nvml.init();
        try {
            assertEquals(Optional.empty(), nvml.driverVersion());
            assertEquals(2, nvml.deviceCount());
        } finally {
            nvml.shutdown();
        }
    }
}
