package io.pybridge.ml;

import io.pybridge.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The pynvml and torch fallbacks, with a stand-in pynvml module (fixed answers) on the module path. */
class PythonGpuSourceTest {
    private final Python python = Python.start();

    private static boolean realNvmlPresent() {
        try (GpuMonitor monitor = GpuMonitor.open()) {
            return monitor.snapshot().available();
        }
    }

    @Test
    void pynvmlServesWhenNvmlCannotBeLoaded(@TempDir Path dir) throws IOException {
        assumeFalse(realNvmlPresent(), "this machine has a GPU: NVML serves first");
        Files.writeString(dir.resolve("pynvml.py"), """
                class _Memory:
                    def __init__(self, total, used):
                        self.total, self.used, self.free = total, used, total - used
                def nvmlInit():
                    pass
                def nvmlDeviceGetCount():
                    return 2
                def nvmlDeviceGetHandleByIndex(i):
                    return i
                def nvmlDeviceGetName(handle):
                    return b'Stand-in GPU %d' % handle
                def nvmlDeviceGetMemoryInfo(handle):
                    return _Memory(16 << 30, (handle + 1) << 30)
                """);
        python.withGil(py -> {
            py.exec("import sys\nsys.modules.pop('pynvml', None)\nsys.path.insert(0, " + quote(dir) + ")");
            return null;
        });
        try (GpuMonitor monitor = GpuMonitor.open(python)) {
            GpuSnapshot snapshot = monitor.snapshot();
            assertEquals("pynvml", snapshot.source());
            assertEquals(2, snapshot.devices().size());
            GpuDevice second = snapshot.devices().get(1);
            assertEquals("Stand-in GPU 1", second.name());
            assertEquals(16L << 30, second.totalBytes());
            assertEquals(2L << 30, second.usedBytes());
            assertEquals(14L << 30, second.freeBytes());
        } finally {
            python.withGil(py -> {
                py.exec("sys.path.remove(" + quote(dir) + ")\nsys.modules.pop('pynvml', None)");
                return null;
            });
        }
    }

    @Test
    void withoutAnySourceTheReasonNamesAllThree() {
        assumeFalse(realNvmlPresent(), "this machine has a GPU");
        python.withGil(py -> {
            py.exec("import sys\n_saved_pynvml = sys.modules.get('pynvml')\nsys.modules['pynvml'] = None");
            return null;
        });
        try (GpuMonitor monitor = GpuMonitor.open(python)) {
            GpuSnapshot snapshot = monitor.snapshot();
            assertFalse(snapshot.available());
            String reason = snapshot.unavailableReason().orElseThrow();
            assertTrue(reason.contains("nvml: ") && reason.contains("pynvml: ") && reason.contains("torch.cuda: "), reason);
            System.out.println("no GPU: " + reason);
        } finally {
            python.withGil(py -> {
                py.exec("""
                        if _saved_pynvml is None:
                            del sys.modules['pynvml']
                        else:
                            sys.modules['pynvml'] = _saved_pynvml
                        """);
                return null;
            });
        }
    }

    private static String quote(Path dir) {
        return "'" + dir.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
