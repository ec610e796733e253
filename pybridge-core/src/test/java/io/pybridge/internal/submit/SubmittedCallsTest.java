package io.pybridge.internal.submit;

import io.pybridge.internal.runtime.Interpreter;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static io.pybridge.testing.Fixtures.await;
import static io.pybridge.testing.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Submitted calls on executors the tests choose: one thread shared by every call, virtual threads. */
class SubmittedCallsTest {
    private final Python python = Fixtures.python();
    private final List<SubmittedCalls> started = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();

    private SubmittedCalls on(ExecutorService executor) {
        executors.add(executor);
        SubmittedCalls calls = SubmittedCalls.start(executor);
        started.add(calls);
        return calls;
    }

    @AfterEach
    void forget() {
        started.forEach(Interpreter::unregister);
        executors.forEach(ExecutorService::shutdownNow);
    }

    private <T> CompletableFuture<T> submit(SubmittedCalls calls, io.pybridge.GilBody<T> body) {
        return calls.submit(run -> python.withGil(py -> run.run(() -> body.run(py))));
    }

    @Test
    void aStopArrivingAsACallEndsNeverHitsTheNextCallOnThatThread() {
        SubmittedCalls calls = on(Executors.newSingleThreadExecutor());
        Random random = new Random(42);
        try (PyObject work = Fixtures.fixture(python, "twice_after_work")) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                long javaNanos = random.nextInt(200_000);
                CompletableFuture<Long> future = submit(calls, py -> {
                    long result = work.call(n, 2_000 + n % 7 * 300).as(Long.class);
                    // Java work with the GIL released after the last bytecode: a stop arriving now
                    // stays pending on this thread state unless the end of the run clears it.
                    return py.allowThreads(() -> {
                        LockSupport.parkNanos(javaNanos);
                        return result;
                    });
                });
                futures.add(future);
                LockSupport.parkNanos(random.nextInt(300_000));
                if (random.nextBoolean()) {
                    future.cancel(true);
                }
            }
            int cancelled = 0;
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<Long> future = futures.get(i);
                if (future.isCancelled()) {
                    cancelled++;
                    assertThrows(CancellationException.class, future::join);
                } else {
                    assertEquals(2L * i, future.join(), "call " + i);
                }
            }
            assertTrue(cancelled > 0 && cancelled < futures.size(), cancelled + " cancelled");
            long last = submit(calls, py -> work.call(7, 10).as(Long.class)).join();
            assertEquals(14L, last);
        }
    }

    @Test
    void aCallCancelledBeforeItStartsNeverRuns() throws Exception {
        SubmittedCalls calls = on(Executors.newSingleThreadExecutor());
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = calls.submit(run -> {
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Object> queued = submit(calls, py -> {
            ran.set(true);
            return null;
        });

        assertTrue(queued.cancel(true));
        release.countDown();
        blocker.get(60, TimeUnit.SECONDS);
        submit(calls, py -> null).get(60, TimeUnit.SECONDS);

        assertFalse(ran.get());
        assertEquals(0, calls.inFlight());
    }

    @Test
    void callsOnVirtualThreadsAreStoppedToo() {
        SubmittedCalls calls = on(Executors.newVirtualThreadPerTaskExecutor());
        String key = "virtual-" + UUID.randomUUID();
        CompletableFuture<Object> future = submit(calls, py -> {
            try (PyObject module = py.importModule("concurrency_fixtures")) {
                return module.callMethod("spin_until_stopped", key);
            }
        });
        await("the loop to start", () -> "running".equals(state(python, key)));

        future.cancel(true);

        await("the loop to be stopped", () -> "pybridge.CallCancelled".equals(state(python, key)));
        long next = submit(calls, py -> py.eval("40 + 2").as(Long.class)).join();
        assertEquals(42L, next);
    }
}
