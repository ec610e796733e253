package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.PythonExecutionException;
import io.pybridge.internal.runtime.JavaHandles;
import io.pybridge.testing.TestPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaCallableTest {
    static Python python;

    @BeforeAll
    static void start() {
        python = TestPython.start();
    }

    /** {@code data_fixtures.<function>(args...)} converted to {@code type}. */
    private static <T> T fixture(Class<T> type, String function, Object... args) {
        return python.withGil(py -> {
            try (PyObject fixtures = py.importModule("data_fixtures");
                 PyObject result = fixtures.callMethod(function, args)) {
                return result.as(type);
            }
        });
    }

    @Test
    void everyFunctionalKindIsCallableFromPython() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals(null, fixture(Object.class, "apply", (Runnable) runs::incrementAndGet));
        assertEquals(1, runs.get());
        assertEquals("supplied", fixture(String.class, "apply", (Supplier<String>) () -> "supplied"));
        assertEquals(42L, fixture(Long.class, "apply", (Function<Object, Object>) x -> (Long) x * 2, 21));
        assertEquals("ab", fixture(String.class, "apply", (BiFunction<Object, Object, Object>) (a, b) -> "" + a + b, "a", "b"));
        List<Object> seen = new ArrayList<>();
        fixture(Object.class, "apply", (Consumer<Object>) seen::add, List.of(1, "x"));
        fixture(Object.class, "apply", (BiConsumer<Object, Object>) (a, b) -> seen.add(a + "=" + b), "k", 2.5);
        assertEquals(List.of(List.of(1L, "x"), "k=2.5"), seen);
    }

    @Test
    void callablesLookLikePythonFunctions() {
        String repr = python.withGil(py -> py.toPython((Function<Object, Object>) x -> x).repr());
        assertTrue(repr.startsWith("<built-in method Function"), repr);
        String doc = python.withGil(py -> py.toPython((Runnable) () -> { }).getAttr("__doc__").as(String.class));
        assertTrue(doc.contains("java.lang.Runnable"), doc);
    }

    @Test
    void wrongArgumentCountIsATypeError() {
        String result = fixture(String.class, "apply_and_catch", (Function<Object, Object>) x -> x, 1, 2);
        assertEquals("caught TypeError: the Java Function takes 1 positional argument but 2 were given", result);
    }

    @Test
    void javaExceptionCaughtInPythonIsAJavaException() {
        String result = fixture(String.class, "apply_and_catch",
                (Runnable) () -> { throw new IllegalStateException("boom"); });
        assertEquals("caught JavaException: java.lang.IllegalStateException: boom", result);
    }

    @Test
    void uncaughtJavaExceptionComesBackAsTheCause() {
        IllegalStateException original = new IllegalStateException("boom");
        PythonExecutionException e = assertThrows(PythonExecutionException.class,
                () -> fixture(Object.class, "apply", (Runnable) () -> { throw original; }));
        assertEquals("_pybridge.JavaException", e.pythonType());
        assertSame(original, e.getCause());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: boom"), e.getMessage());
    }

    @Test
    void javaExceptionRaisedFromAnotherPythonExceptionKeepsTheChain() {
        IllegalArgumentException original = new IllegalArgumentException("inner");
        PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> python.withGil(py -> {
            py.exec("""
                    def wrap_failure(f):
                        try:
                            f()
                        except Exception as cause:
                            raise RuntimeError('outer') from cause
                    """);
            try (PyObject wrap = py.eval("wrap_failure")) {
                return wrap.call((Runnable) () -> { throw original; });
            }
        }));
        assertEquals("RuntimeError", e.pythonType());
        assertInstanceOf(PythonExecutionException.class, e.getCause());
        assertSame(original, e.getCause().getCause());
    }

    @Test
    void pythonExceptionThroughJavaKeepsItsPythonType() {
        String result = python.withGil(py -> {
            try (PyObject fixtures = py.importModule("data_fixtures");
                 PyObject fail = fixtures.getAttr("fail");
                 PyObject caught = fixtures.callMethod("apply_and_catch", (Runnable) () -> fail.call("from Python"))) {
                return caught.as(String.class);
            }
        });
        assertEquals("caught ValueError: from Python", result);
    }

    @Test
    void callbacksMayCallPythonAgain() {
        Function<Object, Object> nested = x -> python.withGil(py -> {
            try (PyObject value = py.eval("len"); PyObject length = value.call(x)) {
                return length.as(Long.class) * 10;
            }
        });
        assertEquals(30L, fixture(Long.class, "apply", nested, "abc"));
    }

    @Test
    void callablesWorkFromPythonThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Function<Object, Object> recordThread = x -> {
            threads.add(Thread.currentThread().getName());
            return python.withGil(py -> py.toPython(x).repr());
        };
        assertEquals("'from a thread'", fixture(String.class, "apply_in_thread", recordThread, "from a thread"));
        assertNotEquals(Set.of(Thread.currentThread().getName()), threads);

        List<Object> calls = Collections.synchronizedList(new ArrayList<>());
        fixture(Object.class, "call_many_times_in_threads", (Consumer<Object>) calls::add, 4, 250);
        assertEquals(1000, calls.size());
    }

    @Test
    void exceptionsFromPythonThreadsComeBackToo() {
        UnsupportedOperationException original = new UnsupportedOperationException("not here");
        PythonExecutionException e = assertThrows(PythonExecutionException.class,
                () -> fixture(Object.class, "apply_in_thread", (Supplier<Object>) () -> { throw original; }));
        assertSame(original, e.getCause());
    }

    @Test
    void resultsThatCannotBeConvertedRaiseInPython() {
        PythonExecutionException e = assertThrows(PythonExecutionException.class,
                () -> fixture(Object.class, "apply", (Supplier<Object>) Object::new));
        assertInstanceOf(PythonConversionException.class, e.getCause());
    }

    @Test
    void pythonReleasingACallableReleasesTheJavaObject() {
        int before = JavaHandles.count();
        python.withGil(py -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                try (PyObject f = py.toPython((Supplier<Object>) () -> n)) {
                    assertEquals((long) n, f.call().as(Long.class));
                }
            }
            py.exec("import gc; gc.collect()");
            return null;
        });
        // Other tests' leftovers may go in the same collection, so the count can only be lower.
        assertTrue(JavaHandles.count() <= before, "all 100 callables were released");
    }
}
