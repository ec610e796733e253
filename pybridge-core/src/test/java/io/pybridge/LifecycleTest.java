package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a JVM can do only once: each case runs in a child JVM of its own. */
class LifecycleTest {

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void expectIllegalState(String what, Runnable action) {
        try {
            action.run();
        } catch (IllegalStateException e) {
            System.out.println(what + ": " + e.getMessage());
            return;
        }
        throw new AssertionError(what + ": no IllegalStateException");
    }

    @Test
    void everyUseAfterCloseThrows() {
        ChildJvm.Result result = ChildJvm.run(CloseThenUse.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("object after close: Python has been closed"), result.output());
        assertTrue(result.output().contains("start after close: Python was closed in this JVM and cannot be started again"),
                result.output());
    }

    public static final class CloseThenUse {
        public static void main(String[] args) {
            Python python = Python.start();
            PyObject list = python.withGil(py -> py.eval("[1, 2]"));
            PyObject unclosed = python.withGil(py -> py.eval("object()"));
            python.close();
            python.close();
            check(python.isClosed(), "closed");
            expectIllegalState("object after close", list::len);
            expectIllegalState("withGil after close", () -> python.withGil(py -> null));
            expectIllegalState("start after close", Python::start);
            list.close();
            unclosed = null;
            System.gc();
            System.out.println("done");
        }
    }

    @Test
    void concurrentStartsShareOneInterpreter() {
        ChildJvm.Result result = ChildJvm.run(ConcurrentStart.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("one instance of 8"), result.output());
    }

    public static final class ConcurrentStart {
        public static void main(String[] args) throws Exception {
            List<Future<Python>> starts = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    starts.add(pool.submit((Callable<Python>) Python::start));
                }
                Python first = starts.get(0).get();
                for (Future<Python> f : starts) {
                    check(f.get() == first, "same instance");
                }
                check(first.withGil(py -> py.eval("6 * 7").as(Long.class)) == 42L, "usable");
                System.out.println("one instance of " + starts.size());
            }
        }
    }

    @Test
    void aBadExecutableIsASetupErrorNamingIt() {
        ChildJvm.Result result = ChildJvm.run(BadExecutable.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("/nonexistent/bin/python3"), result.output());
        assertTrue(result.output().contains("then started fine"), result.output());
    }

    public static final class BadExecutable {
        public static void main(String[] args) {
            try {
                Python.builder().executable(Path.of("/nonexistent/bin/python3")).start();
                throw new AssertionError("started from a missing executable");
            } catch (PythonSetupException e) {
                System.out.println("refused: " + e.getMessage());
            }
            Python python = Python.start();
            check(python.withGil(py -> py.eval("1").as(Long.class)) == 1L, "usable");
            System.out.println("then started fine");
        }
    }

    @Test
    void closeInsideWithGilIsRefused() {
        ChildJvm.Result result = ChildJvm.run(CloseInsideWithGil.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("close inside withGil: Python.close() cannot be called from inside withGil"),
                result.output());
    }

    public static final class CloseInsideWithGil {
        public static void main(String[] args) {
            Python python = Python.start();
            python.withGil(py -> {
                expectIllegalState("close inside withGil", python::close);
                return null;
            });
            python.close();
        }
    }
}
