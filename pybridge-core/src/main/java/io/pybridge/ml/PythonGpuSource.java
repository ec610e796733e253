package io.pybridge.ml;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonException;
import io.pybridge.convert.TypeRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GPU memory read through the Python bridge, for machines where NVML cannot be loaded directly but
 * Python can reach the GPU: pynvml first, then {@code torch.cuda.mem_get_info}. Never starts an
 * interpreter: it uses the one running.
 */
final class PythonGpuSource implements GpuMemorySource {
    static final String PYNVML = "pynvml";
    static final String TORCH = "torch.cuda";

    private static final String PYNVML_CODE = """
            def _pybridge_gpu_devices():
                import pynvml
                pynvml.nvmlInit()
                devices = []
                for i in range(pynvml.nvmlDeviceGetCount()):
                    handle = pynvml.nvmlDeviceGetHandleByIndex(i)
                    name = pynvml.nvmlDeviceGetName(handle)
                    memory = pynvml.nvmlDeviceGetMemoryInfo(handle)
                    devices.append([i, name.decode() if isinstance(name, bytes) else name,
                                    int(memory.total), int(memory.used), int(memory.free)])
                return devices
            """;
    private static final String TORCH_CODE = """
            def _pybridge_gpu_devices():
                import torch
                if not torch.cuda.is_available():
                    raise RuntimeError('torch.cuda.is_available() is False (torch ' + torch.__version__ + ')')
                devices = []
                for i in range(torch.cuda.device_count()):
                    free, total = torch.cuda.mem_get_info(i)
                    devices.append([i, torch.cuda.get_device_name(i), int(total), int(total - free), int(free)])
                return devices
            """;

    private final String name;
    private final Python python;
    private final PyObject listDevices;

    private PythonGpuSource(String name, Python python, PyObject listDevices) {
        this.name = name;
        this.python = python;
        this.listDevices = listDevices;
    }

    static PythonGpuSource pynvml(Python python) throws GpuSourceUnavailableException {
        return open(PYNVML, python, PYNVML_CODE);
    }

    static PythonGpuSource torch(Python python) throws GpuSourceUnavailableException {
        return open(TORCH, python, TORCH_CODE);
    }

    private static PythonGpuSource open(String name, Python python, String code) throws GpuSourceUnavailableException {
        if (python == null || python.isClosed()) {
            throw new GpuSourceUnavailableException("no Python interpreter is running to ask " + name);
        }
        PyObject function;
        try {
            function = python.withGil(py -> {
                try (PyObject namespace = py.eval("{}"); PyObject exec = py.eval("exec")) {
                    exec.call(code, namespace).close();
                    return namespace.getItem("_pybridge_gpu_devices");
                }
            });
        } catch (PythonException e) {
            throw new GpuSourceUnavailableException(brief(e));
        }
        PythonGpuSource source = new PythonGpuSource(name, python, function);
        GpuSnapshot first = source.snapshot();
        if (!first.available()) {
            function.close();
            throw new GpuSourceUnavailableException(first.unavailableReason().orElseThrow());
        }
        return source;
    }

    /** The Python error in one line ("ModuleNotFoundError: No module named 'pynvml'"), without import hints. */
    private static String brief(PythonException e) {
        return e.pythonType() == null ? e.getMessage() : e.pythonType() + ": " + e.pythonMessage();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public GpuSnapshot snapshot() {
        List<List<Object>> rows;
        try {
            rows = python.withGil(py -> listDevices.call().as(new TypeRef<List<List<Object>>>() { }));
        } catch (PythonException e) {
            return GpuSnapshot.unavailable(name, Optional.empty(), brief(e));
        } catch (IllegalStateException e) {
            return GpuSnapshot.unavailable(name, Optional.empty(), e.getMessage());
        }
        if (rows.isEmpty()) {
            return GpuSnapshot.unavailable(name, Optional.empty(), name + " found no GPU");
        }
        List<GpuDevice> devices = new ArrayList<>();
        for (List<Object> row : rows) {
            devices.add(new GpuDevice(((Number) row.get(0)).intValue(), (String) row.get(1),
                    ((Number) row.get(2)).longValue(), ((Number) row.get(3)).longValue(),
                    ((Number) row.get(4)).longValue(), Optional.empty()));
        }
        return new GpuSnapshot(devices, name, Optional.empty(), Optional.empty());
    }

    @Override
    public void close() {
        listDevices.close();
    }
}
