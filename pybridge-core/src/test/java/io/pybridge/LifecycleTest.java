package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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

    @Test
    void closeWaitsForABodyThatTookTheGilAgainInsideAllowThreads() {
        ChildJvm.of(NestedWithGilInAllowThreads.class).run().assertSucceeded();
    }

    /**
     * A withGil body releases the GIL (allowThreads), takes it again in a nested withGil, and goes on in
     * Java and then in Python. That body is in flight until it returns: close() must wait for it, not
     * finalize under it (the body's thread would then hang forever taking the GIL back).
     */
    public static final class NestedWithGilInAllowThreads {
        public static void main(String[] args) throws Exception {
            Python python = Python.start();
            CountDownLatch innerScopeDone = new CountDownLatch(1);
            AtomicReference<Object> outcome = new AtomicReference<>("not finished");
            Thread body = new Thread(null, () -> {
                try {
                    outcome.set(python.withGil(py -> {
                        py.allowThreads(() -> {
                            python.withGil(inner -> inner.eval("1").as(Long.class));
                            innerScopeDone.countDown();
                            sleep(300);
                            return null;
                        });
                        return py.eval("6 * 7").as(Long.class);
                    }));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "body", 8 << 20);
            body.start();
            innerScopeDone.await();
            python.close();
            body.join(10_000);
            check(!body.isAlive(), "the body's thread hangs after close()");
            check(Long.valueOf(42).equals(outcome.get()), "the body did not finish before close: " + outcome.get());
            System.out.println("close waited for the body");
        }
    }

    @Test
    void aSecondCloseReturnsOnlyOnceTheFirstHasFinalized() {
        ChildJvm.of(SecondClose.class).run().assertSucceeded();
    }

    public static final class SecondClose {
        public static void main(String[] args) throws Exception {
            Python python = Python.start();
            AtomicBoolean finalized = new AtomicBoolean();
            CountDownLatch bodyRunning = new CountDownLatch(1);
            python.withGil(py -> {
                py.exec("import atexit, time");
                py.eval("atexit.register").call((Runnable) () -> finalized.set(true));
                return null;
            });
            Thread body = new Thread(null, () -> python.withGil(py -> py.allowThreads(() -> {
                bodyRunning.countDown();
                sleep(500);
                return null;
            })), "body", 8 << 20);
            body.start();
            bodyRunning.await();
            Thread first = new Thread(python::close, "first close");
            first.start();
            while (!python.isClosed()) {
                Thread.onSpinWait();
            }
            python.close();
            check(finalized.get(), "the second close() returned before the first had finalized the interpreter");
            first.join();
            body.join();
            System.out.println("second close waited");
        }
    }

    @Test
    void anotherClassLoaderCannotStartPythonAgain() {
        ChildJvm.of(TwoClassLoaders.class).run().assertSucceeded();
    }

    /** An application server's redeploy: the same PyBridge classes loaded again by a second class loader. */
    public static final class TwoClassLoaders {
        public static void main(String[] args) throws Exception {
            Object first = startIn(newLoader("first"));
            try {
                startIn(newLoader("second"));
                throw new AssertionError("a second class loader started Python while the first ran it");
            } catch (InvocationTargetException e) {
                check(e.getCause() instanceof IllegalStateException
                        && e.getCause().getMessage().contains("another copy of PyBridge"), "refused while running: " + e.getCause());
            }
            first.getClass().getMethod("close").invoke(first);
            try {
                startIn(newLoader("third"));
                throw new AssertionError("a new class loader started Python again after close");
            } catch (InvocationTargetException e) {
                check(e.getCause() instanceof IllegalStateException
                        && e.getCause().getMessage().contains("cannot be initialized again"), "refused after close: " + e.getCause());
                System.out.println("refused: " + e.getCause().getMessage());
            }
        }

        private static ClassLoader newLoader(String name) throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }

        private static Object startIn(ClassLoader loader) throws Exception {
            Class<?> python = Class.forName("io.pybridge.Python", true, loader);
            Object started = python.getMethod("start").invoke(null);
            Object answer = Class.forName(TwoClassLoaders.class.getName(), true, loader).getMethod("answer", python)
                    .invoke(null, started);
            check(Long.valueOf(42).equals(answer), "usable from " + loader.getName());
            return started;
        }

        public static Object answer(Python python) {
            return python.withGil(py -> py.eval("6 * 7").as(Long.class));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
