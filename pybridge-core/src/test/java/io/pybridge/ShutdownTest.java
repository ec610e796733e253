package io.pybridge;

import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** close() with work in flight, and JVM exit with Python still busy: each case in a child JVM of its own. */
class ShutdownTest {

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static Python start(Duration closeTimeout) {
        Python python = Python.builder().closeTimeout(closeTimeout).modulePath(Fixtures.resourceDir()).start();
        python.withGil(py -> py.importModule("concurrency_fixtures"));
        return python;
    }

    private static CompletableFuture<Object> submitFixture(Python python, String function, Object... args) {
        return python.submit(py -> py.importModule("concurrency_fixtures").callMethod(function, args));
    }

    private static void awaitRunning(Python python, String key) {
        Fixtures.await(key + " to run", () -> "running".equals(Fixtures.state(python, key)));
    }

    private static String failureOf(CompletableFuture<?> future) {
        try {
            return "completed with " + future.join();
        } catch (CompletionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void closeLetsCallsInFlightFinish() {
        ChildJvm.Result result = ChildJvm.run(FinishInFlight.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("in-flight call: completed with 999"), result.output());
        assertTrue(result.output().contains("closed: true"), result.output());
    }

    public static final class FinishInFlight {
        public static void main(String[] args) {
            Python python = start(Duration.ofSeconds(60));
            CompletableFuture<Object> call = python.submit(py -> {
                py.exec("import concurrency_fixtures, time\nconcurrency_fixtures.mark('finish', 'running')\ntime.sleep(0.3)");
                return py.eval("999").as(Long.class);
            });
            awaitRunning(python, "finish");
            python.close();
            System.out.println("in-flight call: " + failureOf(call));
            System.out.println("closed: " + python.isClosed());
        }
    }

    @Test
    void closeStopsWhatStillRunsAfterItsTimeoutAndFailsItClearly() {
        // The pool size is pinned: by default it is max(4, 2 * cores), and the last call must find it full.
        ChildJvm.Result result = ChildJvm.of(StopAfterTimeout.class)
                .systemProperty("pybridge.asyncThreads", String.valueOf(StopAfterTimeout.THREADS)).run();
        String out = result.output();
        assertEquals(0, result.exitCode(), out);
        assertTrue(out.contains("running submit: IllegalStateException: Python.close() stopped this call"), out);
        assertTrue(out.contains("queued submit: IllegalStateException: Python was closed before this submitted call started"),
                out);
        assertTrue(out.contains("withGil caller: pybridge.InterpreterClosing"), out);
        assertTrue(out.contains("close returned, closed: true"), out);
        assertTrue(out.contains("submit after close: IllegalStateException"), out);
    }

    public static final class StopAfterTimeout {
        static final int THREADS = 4;

        public static void main(String[] args) throws Exception {
            Python python = start(Duration.ofMillis(200));
            List<CompletableFuture<Object>> running = new ArrayList<>();
            for (int i = 0; i < THREADS + 2; i++) {   // the last ones wait in the queue
                running.add(submitFixture(python, "spin_until_stopped", "submit-" + i));
            }
            AtomicReference<String> withGilOutcome = new AtomicReference<>("none");
            Thread caller = new Thread(() -> {
                try {
                    python.withGil(py -> py.importModule("concurrency_fixtures")
                            .callMethod("sleep_in_steps_until_stopped", "withGil"));
                } catch (PythonException e) {
                    withGilOutcome.set(e.pythonType());
                }
            });
            caller.start();
            awaitRunning(python, "submit-0");
            awaitRunning(python, "withGil");

            python.close();

            caller.join();
            System.out.println("running submit: " + failureOf(running.get(0)));
            System.out.println("queued submit: " + failureOf(running.get(running.size() - 1)));
            System.out.println("withGil caller: " + withGilOutcome.get());
            System.out.println("close returned, closed: " + python.isClosed());
            try {
                python.submit(py -> null);
            } catch (IllegalStateException e) {
                System.out.println("submit after close: IllegalStateException: " + e.getMessage());
            }
        }
    }

    @Test
    void aNonDaemonPythonThreadMakesCloseFailClearlyAndTheJvmStillExits() {
        ChildJvm.Result result = ChildJvm.run(NonDaemonPythonThread.class);
        String out = result.output();
        assertEquals(0, result.exitCode(), out);
        assertTrue(out.contains("close refused: Python.close(): non-daemon Python threads [fixture-ticker]"), out);
        assertTrue(out.contains("main returns"), out);
    }

    public static final class NonDaemonPythonThread {
        public static void main(String[] args) {
            Python python = start(Duration.ofMillis(300));
            python.withGil(py -> py.importModule("concurrency_fixtures").callMethod("Ticker", false));
            try {
                python.close();
                System.out.println("closed although a Python thread runs");
            } catch (IllegalStateException e) {
                System.out.println("close refused: " + e.getMessage());
            }
            System.out.println("main returns");
        }
    }

    @Test
    void codeStuckInACCallLeavesTheInterpreterUnfinalizedWithAClearError() {
        ChildJvm.Result result = ChildJvm.run(StuckInC.class);
        String out = result.output();
        assertEquals(0, result.exitCode(), out);
        assertTrue(out.contains("close failed: Python was closed while [thread pybridge-async-1"), out);
        assertTrue(out.contains("the interpreter was not finalized"), out);
        assertTrue(out.contains("main returns"), out);
    }

    public static final class StuckInC {
        public static void main(String[] args) {
            Python python = start(Duration.ofMillis(100));
            python.submit(py -> {
                py.exec("import concurrency_fixtures, time\nconcurrency_fixtures.mark('stuck', 'running')\ntime.sleep(3600)");
                return null;
            });
            awaitRunning(python, "stuck");
            try {
                python.close();
                System.out.println("closed although a call is stuck");
            } catch (IllegalStateException e) {
                System.out.println("close failed: " + e.getMessage());
            }
            check(python.isClosed(), "refuses new work");
            System.out.println("main returns");
        }
    }

    @Test
    void theJvmExitsWhilePythonIsBusyEverywhere() {
        ChildJvm.Result result = ChildJvm.run(ExitWhileBusy.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("main returns with Python busy"), result.output());
    }

    public static final class ExitWhileBusy {
        public static void main(String[] args) {
            Python python = start(Duration.ofSeconds(30));
            python.withGil(py -> py.importModule("concurrency_fixtures").callMethod("Ticker", false));
            submitFixture(python, "spin_until_stopped", "spinning");
            python.submit(py -> {
                py.exec("import time\ntime.sleep(3600)");
                return null;
            });
            awaitRunning(python, "spinning");
            System.out.println("main returns with Python busy");
        }
    }
}
