package io.pybridge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GilTest {
    private final Python python = Python.start();

    @Test
    void nestedWithGilSharesTheToken() {
        python.withGil(outer -> {
            Py inner = python.withGil(py -> py);
            assertSame(outer, inner);
            return null;
        });
    }

    @Test
    void tokenIsUselessAfterItsBody() {
        Py leaked = python.withGil(py -> py);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaked.eval("1"));
        assertTrue(e.getMessage().contains("has returned"), e.getMessage());
    }

    @Test
    void tokenIsUselessOnAnotherThread() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        python.withGil(py -> {
            Thread other = new Thread(() -> {
                try {
                    py.eval("1");
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            other.start();
            py.allowThreads(() -> {
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            return null;
        });
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
        assertTrue(failure.get().getMessage().contains("belongs to thread"));
    }

    @Test
    void allowThreadsReleasesTheGilForOtherThreads() throws Exception {
        CountDownLatch otherRanPython = new CountDownLatch(1);
        python.withGil(py -> py.allowThreads(() -> {
            Thread other = Thread.ofPlatform().start(() -> {
                python.withGil(p -> p.eval("40 + 2").as(Long.class));
                otherRanPython.countDown();
            });
            try {
                other.join(10_000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        }));
        assertEquals(0, otherRanPython.getCount(), "another thread could not take the GIL during allowThreads");
    }

    @Test
    void tokenCannotBeUsedInsideAllowThreads() {
        python.withGil(py -> py.allowThreads(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> py.eval("1"));
            assertTrue(e.getMessage().contains("allowThreads"));
            assertEquals(3L, (long) python.withGil(p -> p.eval("1 + 2").as(Long.class)), "withGil inside allowThreads works");
            return null;
        }));
    }

    @Test
    void objectMethodsTakeTheGilThemselves() throws Exception {
        PyObject list = python.withGil(py -> py.eval("[1, 2, 3]"));
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            assertEquals(3L, pool.submit(list::len).get());
        }
        try (list) {
            assertEquals("[1, 2, 3]", list.repr());
        }
    }

    @Test
    void fourPlatformThreadsAndFiveHundredVirtualThreadsAtOnce() throws Exception {
        python.withGil(py -> {
            py.exec("def square(x):\n    return x * x\n");
            return null;
        });
        PyObject square = python.withGil(py -> py.eval("square"));
        List<Future<Long>> results = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService platform = Executors.newFixedThreadPool(4);
             ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 504; i++) {
                long n = i;
                ExecutorService target = i < 4 ? platform : virtual;
                results.add(target.submit(() -> {
                    go.await();
                    long sum = 0;
                    for (int k = 0; k < 20; k++) {
                        try (PyObject r = square.call(n + k)) {
                            sum += r.as(Long.class);
                        }
                        sum += python.withGil(py -> py.eval(String.valueOf(n)).as(Long.class)) - n;
                    }
                    return sum;
                }));
            }
            go.countDown();
            for (int i = 0; i < results.size(); i++) {
                long expected = 0;
                for (int k = 0; k < 20; k++) {
                    expected += (long) (i + k) * (i + k);
                }
                assertEquals(expected, results.get(i).get());
            }
        }
        square.close();
    }

    @Test
    void virtualThreadBodiesRunOnAPlatformThread() throws Exception {
        Thread vt = Thread.ofVirtual().unstarted(() -> { });
        AtomicReference<Boolean> bodyOnVirtual = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() ->
                bodyOnVirtual.set(python.withGil(py -> Thread.currentThread().isVirtual())));
        t.join();
        assertFalse(bodyOnVirtual.get());
        assertFalse(vt.isAlive());
    }
}
