package io.pybridge.internal.runtime;

import io.pybridge.Python;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GilModeTest {
    @Test
    void agreesWithTheBuildAndWithDiscovery() {
        Python python = Python.start();
        GilMode mode = GilMode.now();
        boolean freeThreadedBuild = python.withGil(py -> py.eval(
                "bool(__import__('sysconfig').get_config_var('Py_GIL_DISABLED'))").as(Boolean.class));
        boolean gilEnabled = python.withGil(py -> py.eval(
                "getattr(__import__('sys'), '_is_gil_enabled', lambda: True)()").as(Boolean.class));
        System.out.println("GIL mode: " + mode + " on Python " + python.runtime().version());

        assertEquals(freeThreadedBuild, mode != GilMode.GIL);
        assertEquals(freeThreadedBuild && !gilEnabled, mode.parallel());
        assertEquals(freeThreadedBuild, python.runtime().freeThreaded(), "PythonRuntime.freeThreaded()");
    }
}
