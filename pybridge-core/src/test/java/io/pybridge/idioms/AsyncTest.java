package io.pybridge.idioms;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonExecutionException;
import io.pybridge.convert.TypeRef;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static io.pybridge.idioms.IdiomFixtures.events;
import static io.pybridge.idioms.IdiomFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coroutines on the bridge's event loop, and Java futures awaited in Python. */
class AsyncTest {
    private final Python python = IdiomFixtures.python();

    /** The bound-interface view of the async fixtures. */
    interface AsyncFixtures {
        CompletableFuture<Long> addLater(long a, long b, double delay);

        CompletableFuture<Map<String, Object>> loopFacts();

        CompletableFuture<Void> failLater(String message);

        CompletableFuture<List<Object>> runProcess(String script);
    }

    private CompletableFuture<Object> coroutine(String function, Object... args) {
        return python.async(Object.class, py -> {
            try (PyObject f = fixture(function)) {
                return f.call(args);
            }
        });
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static boolean recorded(List<List<Object>> events, String what, String key) {
        return events.contains(List.of(what, key));
    }

    @Test
    void aCoroutineRunsOnTheBridgesLoopAndItsResultIsConverted() throws Exception {
        CompletableFuture<Long> sum = python.async(Long.class, py -> {
            try (PyObject addLater = fixture("add_later")) {
                return addLater.call(2, 3, 0.01);
            }
        });
        assertEquals(5L, sum.get(60, TimeUnit.SECONDS));
        Map<String, Object> facts = python.async(new TypeRef<Map<String, Object>>() { }, py -> {
            try (PyObject loopFacts = fixture("loop_facts")) {
                return loopFacts.call();
            }
        }).get(60, TimeUnit.SECONDS);
        assertEquals(Map.of("thread", "pybridge-asyncio", "same", true, "main", false), facts);
        try (PyObject result = python.async(py -> py.eval("__import__('asyncio').sleep(0, 'slept')")).get(60, TimeUnit.SECONDS)) {
            assertEquals("slept", result.as(String.class));
        }
    }

    @Test
    void aPythonExceptionFailsTheFuture() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> coroutine("fail_later", "no luck").get(60, TimeUnit.SECONDS));
        PythonExecutionException cause = assertInstanceOf(PythonExecutionException.class, e.getCause());
        assertEquals("ValueError", cause.pythonType());
        assertTrue(cause.pythonTraceback().contains("fail_later"), cause.pythonTraceback());
    }

    @Test
    void cancelCancelsTheTask() {
        String key = key();
        CompletableFuture<Object> waiting = coroutine("wait_for_cancel", key);
        List<List<Object>> seen = new ArrayList<>();
        Fixtures.await("the coroutine to start", () -> {
            seen.addAll(events());
            return recorded(seen, "waiting", key);
        });
        assertTrue(waiting.cancel(true));
        assertThrows(CancellationException.class, waiting::join);
        Fixtures.await("CancelledError in the coroutine", () -> {
            seen.addAll(events());
            return recorded(seen, "cancelled", key) && recorded(seen, "finally", key);
        });
    }

    @Test
    void aTimeoutCancelsTheTask() {
        String key = key();
        CompletableFuture<Object> waiting = coroutine("wait_for_cancel", key).orTimeout(50, TimeUnit.MILLISECONDS);
        CompletionException e = assertThrows(CompletionException.class, waiting::join);
        assertInstanceOf(TimeoutException.class, e.getCause());
        List<List<Object>> seen = new ArrayList<>();
        Fixtures.await("CancelledError in the coroutine", () -> {
            seen.addAll(events());
            return recorded(seen, "cancelled", key);
        });
    }

    @Test
    void cancelledErrorInPythonCancelsTheFuture() {
        CompletableFuture<Object> cancelled = coroutine("cancel_myself");
        assertThrows(CancellationException.class, () -> cancelled.get(60, TimeUnit.SECONDS));
        assertTrue(cancelled.isCancelled());
    }

    @Test
    void cancellingAtRandomMomentsAlwaysSettlesEveryFuture() throws Exception {
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Object> future = coroutine("add_later", i, 1, ThreadLocalRandom.current().nextDouble(0.002));
            futures.add(future);
            if (i % 2 == 0) {
                Thread.onSpinWait();
                future.cancel(true);
            }
        }
        int completed = 0;
        for (int i = 0; i < futures.size(); i++) {
            CompletableFuture<Object> future = futures.get(i);
            try {
                assertEquals((long) i + 1, future.get(60, TimeUnit.SECONDS));
                completed++;
            } catch (CancellationException expected) {
                assertTrue(i % 2 == 0, "only cancelled futures end cancelled");
            }
        }
        assertTrue(completed >= 100, "the futures not cancelled all completed: " + completed);
        assertEquals(7L, coroutine("add_later", 3, 4, 0.0).get(60, TimeUnit.SECONDS), "the loop still serves");
    }

    @Test
    void boundAsyncDefsRunOnTheLoop() throws Exception {
        AsyncFixtures fixtures = python.bind(AsyncFixtures.class, "idiom_fixtures");
        assertEquals(9L, fixtures.addLater(4, 5, 0.0).get(60, TimeUnit.SECONDS));
        assertEquals("pybridge-asyncio", fixtures.loopFacts().get(60, TimeUnit.SECONDS).get("thread"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> fixtures.failLater("bound").get(60, TimeUnit.SECONDS));
        assertEquals("bound", assertInstanceOf(PythonExecutionException.class, e.getCause()).pythonMessage());
    }

    @Test
    void asyncioSubprocessesWorkEmbedded() throws Exception {
        AsyncFixtures fixtures = python.bind(AsyncFixtures.class, "idiom_fixtures");
        assertEquals(List.of("hello from a child", 3L),
                fixtures.runProcess("echo hello from a child; exit 3").get(60, TimeUnit.SECONDS));
    }

    @Test
    void aJavaFutureIsAwaitableInPython() throws Exception {
        CompletableFuture<String> java = new CompletableFuture<>();
        CompletableFuture<Object> awaiting = coroutine("await_java", java);
        assertTrue(!awaiting.isDone());
        java.complete("from Java");
        assertEquals("from Java", awaiting.get(60, TimeUnit.SECONDS));

        CompletableFuture<Object> gathered = coroutine("gather_java", List.of(
                CompletableFuture.completedFuture(1), CompletableFuture.supplyAsync(() -> 2)));
        assertEquals(List.of(1L, 2L), gathered.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aFailedJavaFutureRaisesInPythonAndComesBackAsItWas() {
        CompletableFuture<String> java = new CompletableFuture<>();
        CompletableFuture<Object> awaiting = coroutine("await_java", java);
        IllegalStateException failure = new IllegalStateException("Java side failed");
        java.completeExceptionally(failure);
        ExecutionException e = assertThrows(ExecutionException.class, () -> awaiting.get(60, TimeUnit.SECONDS));
        PythonExecutionException python = assertInstanceOf(PythonExecutionException.class, e.getCause());
        assertEquals("_pybridge.JavaException", python.pythonType());
        assertEquals(failure, python.getCause());
    }

    @Test
    void cancellationCrossesBothWays() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        assertEquals("timed out", coroutine("await_java_with_timeout", never, 0.01).get(60, TimeUnit.SECONDS));
        Fixtures.await("the Java future to be cancelled from Python", never::isCancelled);

        CompletableFuture<String> cancelledInJava = new CompletableFuture<>();
        CompletableFuture<Object> awaiting = coroutine("await_java", cancelledInJava);
        cancelledInJava.cancel(true);
        assertThrows(CancellationException.class, () -> awaiting.get(60, TimeUnit.SECONDS),
                "CancelledError in the coroutine, which ends it cancelled");
    }

    @Test
    void completingAJavaFutureUnderALockCannotDeadlockWithAGilHolderWaitingForIt() throws Exception {
        CompletableFuture<String> java = new CompletableFuture<>();
        CompletableFuture<Object> awaiting = coroutine("await_java", java);
        java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        java.util.concurrent.CountDownLatch gilHeld = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean gotTheLock = new java.util.concurrent.atomic.AtomicBoolean();
        lock.lock();
        Thread gilHolder;
        try {
            gilHolder = Thread.ofPlatform().stackSize(8 << 20).start(() -> python.withGil(py -> {
                gilHeld.countDown();
                try {
                    // Holds the GIL while it waits for the lock: the pattern the bridge must not deadlock with.
                    if (lock.tryLock(60, TimeUnit.SECONDS)) {
                        gotTheLock.set(true);
                        lock.unlock();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            gilHeld.await();
            java.complete("completed under a lock");
        } finally {
            lock.unlock();
        }
        gilHolder.join();
        assertTrue(gotTheLock.get(), "complete() waited for the GIL while holding the lock the GIL holder wanted");
        assertEquals("completed under a lock", awaiting.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aJavaFutureCanBeWaitedForFromPlainPython() {
        CompletableFuture<Integer> java = CompletableFuture.supplyAsync(() -> 40 + 2);
        try (PyObject wait = fixture("wait_java"); PyObject result = wait.call(java, 60)) {
            assertEquals(42L, result.as(Long.class));
        }
    }

    @Test
    void misuseIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> python.async(py -> py.eval("42")));
        assertTrue(e.getMessage().contains("Python int, which is not awaitable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> python.async(py -> null));
        assertThrows(NullPointerException.class, () -> python.async(null));

        Supplier<Object> waitsOnTheLoop = () -> coroutine("add_later", 1, 1, 0.0).join();
        ExecutionException blocked = assertThrows(ExecutionException.class,
                () -> coroutine("call_java", waitsOnTheLoop).get(60, TimeUnit.SECONDS));
        Throwable cause = blocked.getCause().getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("on the asyncio event loop's own thread"), cause.getMessage());
    }

    @Test
    void systemExitInATaskFailsItsFutureAndTheLoopGoesOn() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> coroutine("busy_then_exit").get(60, TimeUnit.SECONDS));
        assertEquals("SystemExit", assertInstanceOf(PythonExecutionException.class, e.getCause()).pythonType());
        assertEquals(2L, coroutine("add_later", 1, 1, 0.0).get(60, TimeUnit.SECONDS));
    }

    @Test
    void futuresCompleteOffTheLoopThread() throws Exception {
        String thread = coroutine("add_later", 1, 2, 0.0).thenApply(ignored -> Thread.currentThread().getName())
                .get(60, TimeUnit.SECONDS);
        assertTrue(thread.startsWith("pybridge-asyncio-completion") || thread.equals(Thread.currentThread().getName()),
                thread);
    }
}
