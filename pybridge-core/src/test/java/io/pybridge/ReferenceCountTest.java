package io.pybridge;

import io.pybridge.convert.TypeRef;
import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a debug CPython ({@code Py_DEBUG}: Debian's python3.11-dbg in CI, run with {@code PYTHONMALLOC=debug}),
 * {@code sys.gettotalrefcount()} counts every reference in the interpreter. A long loop of every kind of
 * bridge operation must leave it where it was: a reference the bridge forgets to drop shows up as a
 * count that grows with the loop, one it drops twice as a crash or a count that shrinks.
 *
 * <p>The loop runs in a child JVM with numpy blocked ({@code sys.modules['numpy'] = None}): Debian's numpy
 * for the debug build is compiled without {@code Py_REF_DEBUG}, so its own reference operations do not
 * update the total ({@code numpy.zeros(3)} alone moves it by one per call in plain Python), and arrays
 * then take the bridge's numpy-free path ({@code memoryview}).
 */
class ReferenceCountTest {
    private static final int ROUNDS = Integer.getInteger("pybridge.refcount.rounds", 5_000);
    /** Caches that fill once (interned names, type lookups) and the gc's own bookkeeping; a leak grows with ROUNDS. */
    private static final long TOLERANCE = 200;

    record Item(String name, long count, List<Double> scores, Optional<String> note) {
    }

    @Test
    void aLongLoopOfMixedOperationsLeavesTheTotalReferenceCountFlat() {
        Python python = Fixtures.python();
        boolean debugBuild = python.withGil(py -> py.eval("hasattr(__import__('sys'), 'gettotalrefcount')").as(Boolean.class));
        Assumptions.assumeTrue(debugBuild, "sys.gettotalrefcount exists only in debug builds of CPython (Py_DEBUG); "
                + "this test runs in the python3.11-dbg pass");
        ChildJvm.Result result = ChildJvm.of(Loop.class).name("reference count loop").run().assertSucceeded();
        result.output().lines().filter(line -> line.startsWith("gettotalrefcount:")).forEach(System.out::println);
    }

    public static final class Loop {
        public static void main(String[] args) throws InterruptedException {
            Python python = Python.start();
            check(python);
            python.close();
        }
    }

    private static void check(Python python) throws InterruptedException {
        python.withGil(py -> {
            py.exec("""
                    import sys, gc
                    sys.modules['numpy'] = None
                    def _refcount_fixture_call(a, *rest, b=None):
                        return {'a': a, 'b': b, 'rest': list(rest)}
                    def _refcount_fixture_raise(message):
                        return _refcount_fixture_raise_inner(message)
                    def _refcount_fixture_raise_inner(message):
                        try:
                            raise KeyError(message)
                        except KeyError as e:
                            raise ValueError(message) from e
                    class _RefcountFixture:
                        def __init__(self):
                            self.name = 'n'
                            self.count = 3
                            self.scores = [0.5, 1.5]
                            self.note = None
                        def method(self, x):
                            return [x, x]
                    """);
            mixedRound(py, 0);
            return null;
        });
        long before = totalRefcount(python);
        python.withGil(py -> {
            for (int i = 1; i <= ROUNDS; i++) {
                mixedRound(py, i);
            }
            return null;
        });
        for (int i = 0; i < 200; i++) {
            mixedRoundOutsideWithGil(python, i);
        }
        long after = totalRefcount(python);
        assertTrue(Math.abs(after - before) <= TOLERANCE, "sys.gettotalrefcount() went from " + before + " to " + after
                + " over " + ROUNDS + " rounds of mixed operations (tolerance " + TOLERANCE + ")");
        System.out.println("gettotalrefcount: " + before + " before, " + after + " after " + ROUNDS + " rounds");
    }

    /** One of each kind of operation, every result checked and closed. The caller holds the GIL. */
    private static void mixedRound(Py py, int i) {
        try (PyObject call = py.eval("_refcount_fixture_call");
             PyObject result = call.callKw(Map.of("b", List.of(i, "x")), i, 2.5, "three", new byte[] {1, 2})) {
            Map<String, Object> map = result.as(new TypeRef<Map<String, Object>>() { });
            assertEquals((long) i, map.get("a"));
        }
        try (PyObject converted = py.toPython(new LinkedHashMap<>(Map.of("k", Set.of(1L), "big", BigInteger.TEN.pow(30),
                "path", Path.of("/tmp"), "list", List.of(Optional.empty(), true, 'c'))))) {
            assertEquals(4L, converted.len());
            // Left unclosed on purpose: the garbage collector's safety net must drop it.
            assertEquals(BigInteger.TEN.pow(30), converted.getItem("big").as(BigInteger.class));
        }
        try (PyObject raise = py.eval("_refcount_fixture_raise")) {
            PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> raise.call("m" + i));
            assertEquals("ValueError", e.pythonType());
            if (i % 100 == 0) {
                assertTrue(e.pythonTraceback().contains("ValueError"));
                assertEquals("_refcount_fixture_raise_inner", e.getStackTrace()[0].getMethodName());
            }
        }
        try (PyObject fixture = py.eval("_RefcountFixture()")) {
            Item item = fixture.as(Item.class);
            assertEquals(List.of(0.5, 1.5), item.scores());
            assertTrue(fixture.hasAttr("name"));
            fixture.setAttr("count", i);
            try (PyObject doubled = fixture.callMethod("method", "v")) {
                assertEquals(List.of("v", "v"), doubled.as(List.class));
            }
            assertEquals("_RefcountFixture", fixture.typeName().replace("__main__.", ""));
            fixture.repr();
        }
        Function<Object, Object> twice = x -> ((Long) x) * 2;
        BiFunction<Object, Object, Object> join = (a, b) -> a + "" + b;
        try (PyObject apply = py.eval("lambda f, g, x: (f(x), g(x, 'y'))");
             PyObject pair = apply.call(twice, join, (long) i)) {
            assertEquals(List.of(2L * i, i + "y"), pair.as(List.class));
        }
        try (PyObject floats = py.toPython(new float[] {1f, 2f, 3f})) {
            floats.repr();
        }
    }

    /** Operations from a thread without the GIL: each takes it itself, and closes become pending drops. */
    private static void mixedRoundOutsideWithGil(Python python, int i) {
        PyObject list = python.withGil(py -> py.eval("[1, 2, 3]"));
        assertEquals(3, list.len());
        assertEquals(List.of(1L, 2L, 3L), list.as(List.class));
        list.close();
    }

    /**
     * The count once the JVM's garbage collector has reclaimed what was left unclosed (exceptions hold their
     * Python exception, and one object per round is left to the collector on purpose) and the bridge has
     * dropped those references at its next GIL acquisition.
     */
    private static long totalRefcount(Python python) throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long now = pythonCount(python);
        for (int i = 0; i < 40 && now != previous; i++) {
            System.gc();
            Thread.sleep(50);
            previous = now;
            now = pythonCount(python);
        }
        return now;
    }

    private static long pythonCount(Python python) {
        return python.withGil(py -> {
            py.exec("gc.collect()");
            return py.eval("sys.gettotalrefcount()").as(Long.class);
        });
    }
}
