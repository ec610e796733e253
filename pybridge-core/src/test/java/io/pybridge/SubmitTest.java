package io.pybridge;

import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.pybridge.testing.Fixtures.await;
import static io.pybridge.testing.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Python.submit}: results, errors, cancellation, timeouts, and waiting inside withGil. */
class SubmitTest {
    private final Python python = Fixtures.python();

    private static String key() {
        return "submit-" + UUID.randomUUID();
    }

    private CompletableFuture<Object> spin(String key) {
        return python.submit(py -> {
            try (PyObject module = py.importModule("concurrency_fixtures")) {
                return module.callMethod("spin_until_stopped", key);
            }
        });
    }

    private void assertStillUsable() {
        long viaSubmit = python.submit(py -> py.eval("6 * 7").as(Long.class)).join();
        assertEquals(42L, viaSubmit);
        long viaWithGil = python.withGil(py -> py.eval("2 + 3").as(Long.class));
        assertEquals(5L, viaWithGil);
    }

    @Test
    void returnsTheBodysResult() throws Exception {
        CompletableFuture<String> future = python.submit(py -> py.eval("'-'.join(['a', 'b'])").as(String.class));
        assertEquals("a-b", future.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aPythonErrorFailsTheFuture() {
        CompletableFuture<Object> future = python.submit(py -> py.eval("int('x')"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS));
        PythonExecutionException cause = assertInstanceOf(PythonExecutionException.class, e.getCause());
        assertEquals("ValueError", cause.pythonType());
    }

    @Test
    void cancelStopsRunningPythonCode() {
        String key = key();
        CompletableFuture<Object> future = spin(key);
        await("the loop to start", () -> "running".equals(state(python, key)));

        assertTrue(future.cancel(true));

        assertTrue(future.isCancelled());
        assertThrows(CancellationException.class, future::join);
        await("the loop to be stopped", () -> !"running".equals(state(python, key)));
        assertEquals("pybridge.CallCancelled", state(python, key));
        assertStillUsable();
    }

    @Test
    void orTimeoutStopsRunningPythonCode() {
        String key = key();
        CompletableFuture<Object> future = spin(key).orTimeout(50, TimeUnit.MILLISECONDS);

        CompletionException e = assertThrows(CompletionException.class, future::join);

        assertInstanceOf(TimeoutException.class, e.getCause());
        await("the loop to be stopped", () -> "pybridge.CallCancelled".equals(state(python, key)));
        assertStillUsable();
    }

    @Test
    void codeInsideShortCCallsIsStoppedWhenItReturnsToPython() {
        String key = key();
        CompletableFuture<Object> future = python.submit(py -> {
            try (PyObject module = py.importModule("concurrency_fixtures")) {
                return module.callMethod("sleep_in_steps_until_stopped", key);
            }
        });
        await("the sleeps to start", () -> "running".equals(state(python, key)));

        future.cancel(true);

        await("the sleeps to be stopped", () -> "pybridge.CallCancelled".equals(state(python, key)));
        assertStillUsable();
    }

    @Test
    void completingTheFutureFromOutsideStopsTheCodeToo() {
        String key = key();
        CompletableFuture<Object> future = spin(key);
        await("the loop to start", () -> "running".equals(state(python, key)));

        future.complete("given up");

        assertEquals("given up", future.join());
        await("the loop to be stopped", () -> "pybridge.CallCancelled".equals(state(python, key)));
    }

    @Test
    void waitingForASubmittedCallInsideWithGilDoesNotDeadlock() {
        long result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> python.withGil(py -> {
            CompletableFuture<Long> inner = python.submit(p -> p.eval("20 + 1").as(Long.class));
            CompletableFuture<Long> doubled = inner.thenApply(x -> x * 2);
            return inner.join() + doubled.join();
        }));
        assertEquals(63L, result);
    }

    @Test
    void aNullBodyIsRefused() {
        assertThrows(NullPointerException.class, () -> python.submit(null));
    }
}
