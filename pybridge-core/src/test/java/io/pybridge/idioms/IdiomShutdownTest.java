package io.pybridge.idioms;

import io.pybridge.PyContext;
import io.pybridge.PyIterator;
import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Python.close()} with coroutines, background tasks, iterators and contexts open: each in a child JVM. */
class IdiomShutdownTest {

    private static Python start(Duration closeTimeout) {
        Python python = Python.builder().closeTimeout(closeTimeout).modulePath(Fixtures.resourceDir()).start();
        python.withGil(py -> py.importModule("idiom_fixtures")).close();
        return python;
    }

    private static CompletableFuture<Object> coroutine(Python python, String function, Object... args) {
        return python.async(Object.class, py -> {
            try (PyObject module = py.importModule("idiom_fixtures")) {
                return module.callMethod(function, args);
            }
        });
    }

    private static String outcome(CompletableFuture<?> future) {
        try {
            return "completed with " + future.join();
        } catch (CompletionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String attempt(Runnable action) {
        try {
            action.run();
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void closeLetsCoroutinesFinishCancelsTheRestAndLeavesEverythingClosed() {
        String out = ChildJvm.of(FinishCoroutines.class).name("close with idioms open").run().assertSucceeded().output();
        assertTrue(out.contains("in-flight coroutine: completed with 3"), out);
        assertTrue(out.contains("background task finally ran: true"), out);
        assertTrue(out.contains("iterator after close: IllegalStateException: Python has been closed"), out);
        assertTrue(out.contains("closing the iterator after close: ok"), out);
        assertTrue(out.contains("context after close: IllegalStateException: Python has been closed"), out);
        assertTrue(out.contains("async after close: IllegalStateException: Python has been closed"), out);
        assertTrue(out.contains("proxy after close: IllegalStateException: Python has been closed"), out);
        assertTrue(out.contains("closed: true"), out);
    }

    public static final class FinishCoroutines {
        interface Listener {
            String onEvent(String name, int count);
        }

        public static void main(String[] args) throws Exception {
            Python python = start(Duration.ofSeconds(60));
            CompletableFuture<Object> inFlight = coroutine(python, "sleep_then", 0.3, 3);
            CountDownLatch backgroundEnded = new CountDownLatch(1);
            Runnable onFinally = backgroundEnded::countDown;
            System.out.println("background: " + outcome(coroutine(python, "start_background_calling", onFinally)));
            PyIterator<Long> iterator = python.withGil(py -> {
                try (PyObject module = py.importModule("idiom_fixtures"); PyObject generator = module.callMethod("count", 10)) {
                    return generator.iterate(Long.class);
                }
            });
            iterator.next();
            PyContext context = python.withGil(py -> {
                try (PyObject module = py.importModule("idiom_fixtures"); PyObject managed = module.callMethod("Managed", "open")) {
                    return managed.enter();
                }
            });
            Listener listener = python.withGil(py -> {
                try (PyObject module = py.importModule("idiom_fixtures"); PyObject instance = module.callMethod("Listener")) {
                    return instance.as(Listener.class);
                }
            });
            python.close();
            System.out.println("in-flight coroutine: " + outcome(inFlight));
            System.out.println("background task finally ran: " + (backgroundEnded.getCount() == 0));
            System.out.println("iterator after close: " + attempt(iterator::next));
            System.out.println("closing the iterator after close: " + attempt(iterator::close));
            System.out.println("context after close: " + attempt(context::close));
            System.out.println("async after close: " + attempt(() -> coroutine(python, "sleep_then", 0, 1)));
            System.out.println("proxy after close: " + attempt(() -> listener.onEvent("late", 1)));
            System.out.println("closed: " + python.isClosed());
        }
    }

    @Test
    void closeStopsCoroutinesThatOutlastItsTimeout() {
        String out = ChildJvm.of(StopCoroutines.class).name("close stops coroutines").run().assertSucceeded().output();
        assertTrue(out.contains("waiting coroutine: IllegalStateException: Python.close() stopped this asyncio call"), out);
        assertTrue(out.contains("its CancelledError arrived: true"), out);
        assertTrue(out.contains("stubborn coroutine: IllegalStateException: Python.close() stopped this asyncio call"), out);
        assertTrue(out.contains("closed: true"), out);
    }

    public static final class StopCoroutines {
        public static void main(String[] args) {
            Python python = start(Duration.ofMillis(200));
            AtomicBoolean cancelled = new AtomicBoolean();
            Runnable onCancel = () -> cancelled.set(true);
            CompletableFuture<Object> waiting = coroutine(python, "wait_then_call", onCancel);
            CompletableFuture<Object> stubborn = coroutine(python, "ignore_cancel", "k");
            python.close();
            System.out.println("waiting coroutine: " + outcome(waiting));
            System.out.println("its CancelledError arrived: " + cancelled.get());
            System.out.println("stubborn coroutine: " + outcome(stubborn));
            System.out.println("closed: " + python.isClosed());
        }
    }
}
