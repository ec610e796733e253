package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * None, True, False and the small ints a call passes are borrowed, not referenced anew: the callee sees
 * the same values and objects as Python code passing them, and every reference count ends where it
 * began, even when the caller's array changes while Python runs.
 */
class SharedArgumentsTest {
    static Python python;

    @BeforeAll
    static void start() {
        python = Python.start();
        python.withGil(py -> {
            py.exec("""
                    import sys
                    def describe(*args):
                        return [repr(a) for a in args] + [a is b for a, b in zip(args, EXPECTED)]
                    EXPECTED = (None, True, False, -5, 0, 1, 256, -6, 257, 7, 8, 9)
                    def counts():
                        return [sys.getrefcount(v) for v in (None, True, False, -5, 0, 1, 7, 256)]
                    def call_back(hook, *args):
                        hook()
                        return len(args)
                    """);
            return null;
        });
    }

    @Test
    void theCalleeSeesTheSameValuesAndObjects() {
        python.withGil(py -> {
            try (PyObject describe = py.eval("describe"); PyObject result = describe.call(null, true, false, -5, 0L,
                    (short) 1, 256, -6, 257, (byte) 7, 8L, 9)) {
                List<?> seen = result.as(List.class);
                assertEquals(List.of("None", "True", "False", "-5", "0", "1", "256", "-6", "257", "7", "8", "9"),
                        seen.subList(0, 12));
                assertEquals(List.of(true, true, true, true, true, true, true), seen.subList(12, 19),
                        "None, the bools and the ints from -5 to 256 are Python's own objects");
            }
            return null;
        });
    }

    @Test
    void referenceCountsEndWhereTheyBegan() {
        python.withGil(py -> {
            try (PyObject describe = py.eval("describe"); PyObject counts = py.eval("counts")) {
                describe.call(null, true, false, -5, 0, 1, 7, 256).close();
                List<?> before = counts.call().as(List.class);
                for (int i = 0; i < 10_000; i++) {
                    describe.call(null, true, false, -5, 0, 1, 7, 256).close();
                }
                assertEquals(before, counts.call().as(List.class));
            }
            return null;
        });
    }

    @Test
    void anArrayChangedWhilePythonRunsIsReleasedAsItWasPassed() {
        python.withGil(py -> {
            try (PyObject callBack = py.eval("call_back"); PyObject counts = py.eval("counts")) {
                Object[][] current = new Object[1][];
                Runnable swap = () -> {
                    Object[] args = current[0];
                    args[1] = "was seven";
                    args[2] = 7;
                    args[3] = null;
                    args[4] = List.of("was None");
                };
                Object[] first = {swap, 7, "text", null, 1};
                current[0] = first;
                callBack.call(first).close();
                List<?> before = counts.call().as(List.class);
                for (int i = 0; i < 2_000; i++) {
                    Object[] args = {swap, 7, "text", null, 1};
                    current[0] = args;
                    assertEquals(4L, callBack.call(args).as(Long.class));
                }
                assertEquals(before, counts.call().as(List.class));
            }
            return null;
        });
    }
}
