package io.pybridge;

import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Work that releases the GIL overlaps across Java threads; allowThreads lets others in; Python's own
 * threads keep running while Java calls in; the documented lock pattern does not deadlock. Overlap is
 * proven without timing: threads meet at a Python barrier, which only works if they are inside at once.
 */
class ParallelismTest {
    private static final Duration NO_DEADLOCK = Duration.ofSeconds(60);

    private final Python python = Fixtures.python();

    private List<Object> meetFrom(ExecutorService threads, int parties) throws Exception {
        String key = "meet-" + UUID.randomUUID();
        List<Future<Object>> arrivals = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            arrivals.add(threads.submit(() -> {
                try (PyObject meet = Fixtures.fixture(python, "meet")) {
                    return meet.call(key, parties, 30.0).as(Object.class);
                }
            }));
        }
        List<Object> indexes = new ArrayList<>();
        for (Future<Object> arrival : arrivals) {
            indexes.add(arrival.get(60, TimeUnit.SECONDS));
        }
        return indexes;
    }

    @Test
    void pythonCodeThatReleasesTheGilRunsOnSeveralPlatformThreadsAtOnce() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            List<Object> indexes = meetFrom(threads, 3);
            assertEquals(List.of(0L, 1L, 2L), indexes.stream().sorted().toList());
        }
    }

    @Test
    void virtualThreadsOverlapToo() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Object> indexes = meetFrom(threads, 3);
            assertEquals(List.of(0L, 1L, 2L), indexes.stream().sorted().toList());
        }
    }

    @Test
    void numpyWorkFromTwoThreadsGivesTheRightResults() throws Exception {
        PyObject numpy = python.withGil(py -> {
            try {
                return py.importModule("numpy");
            } catch (PythonImportException e) {
                return null;
            }
        });
        org.junit.jupiter.api.Assumptions.assumeTrue(numpy != null, "numpy is not installed in this Python");
        try (numpy; ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Double>> sums = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int scale = t + 1;
                sums.add(threads.submit(() -> {
                    double total = 0;
                    for (int round = 0; round < 20; round++) {
                        try (PyObject a = numpy.callMethod("arange", 200_000.0);
                             PyObject scaled = a.callMethod("__mul__", scale);
                             PyObject s = scaled.callMethod("sum")) {
                            total += s.as(Double.class);
                        }
                    }
                    return total;
                }));
            }
            double base = 20 * (199_999.0 * 200_000 / 2);
            assertEquals(base, sums.get(0).get(60, TimeUnit.SECONDS));
            assertEquals(2 * base, sums.get(1).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void allowThreadsLetsAnotherThreadUsePythonMeanwhile() {
        CountDownLatch otherDone = new CountDownLatch(1);
        long seen = assertTimeoutPreemptively(NO_DEADLOCK, () -> python.withGil(py -> {
            Thread other = Thread.ofPlatform().start(() -> {
                python.withGil(p -> p.eval("1 + 1"));
                otherDone.countDown();
            });
            boolean done = py.allowThreads(() -> {
                try {
                    return otherDone.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(done);
            py.allowThreads(() -> {
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            return py.eval("2 + 2").as(Long.class);
        }));
        assertEquals(4L, seen);
    }

    @Test
    void pythonThreadsKeepRunningWhileJavaThreadsCallIn() throws Exception {
        try (PyObject ticker = python.withGil(py -> py.importModule("concurrency_fixtures").callMethod("Ticker"));
             ExecutorService callers = Executors.newFixedThreadPool(4)) {
            long start = ticker.getAttr("count").as(Long.class);
            List<Future<Long>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                calls.add(callers.submit(() -> {
                    long made = 0;
                    while (ticker.getAttr("count").as(Long.class) < start + 1_000) {
                        python.withGil(py -> py.eval("sum(range(100))"));
                        made++;
                    }
                    return made;
                }));
            }
            for (Future<Long> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            long stopped = ticker.callMethod("stop").as(Long.class);
            assertTrue(stopped >= start + 1_000, "ticker at " + stopped);
        }
    }

    @Test
    void waitingForAJavaLockWithTheGilReleasedCannotDeadlock() {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch holderHasLock = new CountDownLatch(1);
        assertTimeoutPreemptively(NO_DEADLOCK, () -> {
            Thread holder = Thread.ofPlatform().start(() -> {
                lock.lock();
                try {
                    holderHasLock.countDown();
                    python.withGil(py -> py.eval("sum(range(1000))"));
                } finally {
                    lock.unlock();
                }
            });
            holderHasLock.await();
            long value = python.withGil(py -> {
                py.allowThreads(() -> {
                    lock.lock();
                    return null;
                });
                try {
                    return py.eval("7 * 6").as(Long.class);
                } finally {
                    lock.unlock();
                }
            });
            holder.join();
            assertEquals(42L, value);
        });
    }
}
