package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Java records into a pandas DataFrame and results back into Java types. Runs where pandas is importable
 * (CI installs Debian's python3-pandas for /usr/bin/python3.11); elsewhere it is skipped with the reason,
 * and the matrix report checks that reason holds there.
 */
class PandasEndToEndTest {

    record Trade(String symbol, double price, long quantity) {
    }

    @Test
    void recordsBecomeADataFrameAndItsResultsComeBackTyped() {
        Python python = Python.start();
        boolean importable = python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('pandas') is not None")
                .as(Boolean.class));
        assumeTrue(importable, "pandas is not importable in " + python.runtime().executable());

        List<Trade> trades = List.of(new Trade("ACME", 10.5, 100), new Trade("INIT", 3.25, 40),
                new Trade("ACME", 11.0, 50), new Trade("INIT", 3.5, 60), new Trade("ZETA", 99.0, 1));
        try (PyObject pandas = python.withGil(py -> py.importModule("pandas"));
             PyObject frame = pandas.callMethod("DataFrame", trades)) {
            assertEquals(List.of("symbol", "price", "quantity"),
                    frame.getAttr("columns").callMethod("tolist").as(new TypeRef<List<String>>() { }));
            Map<String, Long> perSymbol = frame.callMethod("groupby", "symbol").getItem("quantity").callMethod("sum")
                    .callMethod("to_dict").as(new TypeRef<Map<String, Long>>() { });
            assertEquals(Map.of("ACME", 150L, "INIT", 100L, "ZETA", 1L), perSymbol);
            assertArrayEquals(new double[]{10.5, 3.25, 11.0, 3.5, 99.0},
                    frame.getItem("price").callMethod("to_numpy").as(double[].class));
            try (PyObject expensive = python.withGil(py -> py.eval("lambda f: f[f.price > 10].to_dict('records')"))) {
                List<Trade> back = expensive.call(frame).as(new TypeRef<List<Trade>>() { });
                assertEquals(List.of(new Trade("ACME", 10.5, 100), new Trade("ACME", 11.0, 50), new Trade("ZETA", 99.0, 1)), back);
            }
        }
    }
}
