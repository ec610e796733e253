package io.pybridge.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuRecordsTest {
    private static final GpuDevice DEVICE = new GpuDevice(0, "Test GPU", 1000, 400, 600, Optional.empty());

    @Test
    void anEmptySnapshotMustSayWhy() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new GpuSnapshot(List.of(), "nvml", Optional.empty(), Optional.empty()));
        assertTrue(thrown.getMessage().contains("must say why"), thrown.getMessage());
    }

    @Test
    void aSnapshotWithDevicesCannotBeUnavailable() {
        assertThrows(IllegalArgumentException.class,
                () -> new GpuSnapshot(List.of(DEVICE), "nvml", Optional.empty(), Optional.of("no GPU")));
    }

    @Test
    void aSnapshotKeepsItsOwnCopyOfTheDevices() {
        List<GpuDevice> devices = new ArrayList<>(List.of(DEVICE));
        GpuSnapshot snapshot = new GpuSnapshot(devices, "nvml", Optional.empty(), Optional.empty());
        devices.clear();

        assertEquals(List.of(DEVICE), snapshot.devices());
        assertTrue(snapshot.available());
    }

    @Test
    void negativeFiguresOrIndexAreRefusedByName() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new GpuDevice(3, "GPU", 100, -1, 50, Optional.empty()));
        assertTrue(thrown.getMessage().contains("GPU 3") && thrown.getMessage().contains("used -1"),
                thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GpuDevice(-1, "GPU", 1, 1, 0, Optional.empty()));
    }

    @Test
    void aDeviceWithAnErrorIsNotComplete() {
        assertTrue(DEVICE.complete());
        assertFalse(GpuDevice.failed(1, "", "nvmlDeviceGetHandleByIndex_v2 failed").complete());
    }
}
