package io.pybridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the Python objects of exceptions Java caught are released: after their Java exceptions are
 * unreachable, together for up to 64 that one thread raised one after another, never while one of them can still
 * be used; an exception that keeps its frames (and the locals of the functions that failed) is released
 * on its own.
 */
class ExceptionLifetimeTest {
    private static final Python python = Python.start();
    private static final int KEPT = 5;
    private static PyObject module;

    @BeforeAll
    static void define() {
        module = python.withGil(py -> {
            py.exec("""
                    import gc, sys, types, weakref
                    lifetimes = types.ModuleType('exception_lifetimes')
                    exec('''
                    import gc, weakref
                    class Tag:
                        pass
                    probes = []
                    def fail(n):
                        tag = Tag()
                        probes.append(weakref.ref(tag))
                        raise ValueError(n, tag)
                    def fail_by_name():
                        local = Tag()
                        probes.append(weakref.ref(local))
                        return no_such_name_here
                    def alive():
                        gc.collect()
                        return [probe() is not None for probe in probes]
                    ''', lifetimes.__dict__)
                    sys.modules['exception_lifetimes'] = lifetimes
                    """);
            return py.importModule("exception_lifetimes");
        });
    }

    @AfterAll
    static void stop() {
        module.close();
    }

    private static List<Boolean> alive() {
        return python.withGil(py -> {
            try (PyObject alive = module.callMethod("alive")) {
                List<Boolean> flags = new ArrayList<>();
                for (Object flag : alive.as(List.class)) {
                    flags.add((Boolean) flag);
                }
                return flags;
            }
        });
    }

    /** Collects until {@code settled} holds for the probes (each GIL acquisition drops what the clean-ups queued). */
    private static List<Boolean> aliveOnceSettled(Predicate<List<Boolean>> settled) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<Boolean> now = alive();
        while (!settled.test(now) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            now = alive();
        }
        return now;
    }

    @Test
    void exceptionsKeptWhileTheOthersOfTheirScopeAreDroppedStayWhole() throws InterruptedException {
        python.withGil(py -> module.getAttr("probes").callMethod("clear"));
        int raised = 300;
        // The first few: the batch they are in keeps the exceptions raised right after them, not the later ones.
        List<PythonException> kept = python.withGil(py -> {
            List<PythonException> keep = new ArrayList<>();
            try (PyObject fail = module.getAttr("fail")) {
                for (int i = 0; i < raised; i++) {
                    try {
                        fail.call(i).close();
                    } catch (PythonException e) {
                        if (i < KEPT) {
                            keep.add(e);
                        }
                    }
                }
            }
            return keep;
        });
        List<Boolean> settled = aliveOnceSettled(flags -> flags.stream().filter(f -> f).count() < raised);
        assertTrue(settled.stream().filter(f -> f).count() < raised, "some dropped exceptions were released: " + settled);
        for (int k = 0; k < kept.size(); k++) {
            int n = k;
            PythonException e = kept.get(k);
            assertTrue(settled.get(n), "the Python exception of kept exception " + n + " is alive");
            try (PyObject exception = e.pythonException().orElseThrow()) {
                Object first = python.withGil(py -> exception.getAttr("args").as(Object[].class)[0]);
                assertEquals((long) n, first);
            }
            assertTrue(e.pythonTraceback().contains("in fail") && e.pythonTraceback().contains("ValueError: (" + n + ", "),
                    e.pythonTraceback());
            assertEquals("fail", e.getStackTrace()[0].getMethodName());
        }
        Reference.reachabilityFence(kept);
        kept.clear();
        assertEquals(List.of(), aliveOnceSettled(flags -> !flags.contains(true)).stream().filter(f -> f).toList(),
                "every exception is released once none is reachable");
    }

    @Test
    void anExceptionThatKeepsItsFramesIsReleasedWithoutWaitingForTheOthersOfItsScope() throws InterruptedException {
        python.withGil(py -> module.getAttr("probes").callMethod("clear"));
        PythonException kept = python.withGil(py -> {
            PythonException keep = null;
            try (PyObject fail = module.getAttr("fail"); PyObject failByName = module.getAttr("fail_by_name")) {
                try {
                    fail.call(1).close();
                } catch (PythonException e) {
                    keep = e;
                }
                try {
                    failByName.call().close();
                } catch (PythonException e) {
                    assertEquals("NameError", e.pythonType());
                }
            }
            return keep;
        });
        List<Boolean> settled = aliveOnceSettled(flags -> !flags.get(1));
        assertFalse(settled.get(1), "the local of the function that raised NameError is freed");
        assertTrue(settled.get(0), "the exception still held is alive");
        assertEquals("ValueError", kept.pythonType());
        Reference.reachabilityFence(kept);
    }
}
