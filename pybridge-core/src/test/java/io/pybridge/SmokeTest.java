package io.pybridge;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void basics() {
        Python python = Python.start();
        python.withGil(py -> {
            py.exec("def add(a, b):\n    return a + b\n");
            try (PyObject add = py.eval("add")) {
                assertEquals(3L, add.call(1, 2).as(Object.class));
                assertEquals("ab", add.call("a", "b").as(String.class));
            }
            try (PyObject d = py.eval("{'a': [1, 2.5, 'x', None, True], 'b': 10**30}")) {
                Map<?, ?> m = d.as(Map.class);
                assertEquals(List.of(1L, 2.5, "x", true), ((List<?>) m.get("a")).stream().filter(java.util.Objects::nonNull).toList());
                assertEquals(new java.math.BigInteger("1000000000000000000000000000000"), m.get("b"));
            }
            try (PyObject np = py.importModule("numpy")) {
                assertEquals("6.0", np.callMethod("ones", 6).callMethod("sum").str());
            }
            try {
                py.eval("1/0");
            } catch (PythonExecutionException e) {
                assertEquals("ZeroDivisionError", e.pythonType());
                System.out.println(e.pythonTraceback());
                e.printStackTrace();
            }
            return null;
        });
    }
}
