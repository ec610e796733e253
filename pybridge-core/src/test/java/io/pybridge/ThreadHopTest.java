package io.pybridge;

import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where Python work runs when the calling thread cannot run it: a small-stack platform thread keeps one
 * companion (and so one Python thread state) for all its calls; virtual threads share carriers, which are
 * never all stuck waiting for each other's work.
 */
class ThreadHopTest {
    private final Python python = Fixtures.python();

    @Test
    void aSmallStackThreadKeepsItsPythonThreadStateFromCallToCall() throws Exception {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        Thread caller = new Thread(null, () -> {
            Object first = python.withGil(py -> {
                py.exec("import threading, decimal\n_hop_local = threading.local()\n_hop_local.value = 'kept'\n"
                        + "decimal.getcontext().prec = 7");
                return py.eval("threading.get_ident()").as(Long.class);
            });
            seen.set(python.withGil(py -> List.of(first, py.eval("threading.get_ident()").as(Long.class),
                    py.eval("getattr(_hop_local, 'value', None)").as(String.class),
                    py.eval("decimal.getcontext().prec").as(Long.class), Thread.currentThread().getName())));
        }, "small-caller", 256 << 10);
        caller.start();
        caller.join();
        List<Object> values = seen.get();
        assertEquals(values.get(0), values.get(1), "the same Python thread ran both calls");
        assertEquals("kept", values.get(2), "threading.local data survives between calls");
        assertEquals(7L, values.get(3), "decimal's thread-local context survives between calls");
        assertEquals("pybridge-companion-small-caller", values.get(4));
    }

    @Test
    void aCompanionEndsAfterItsThread() throws Exception {
        Thread caller = new Thread(null, () -> python.withGil(py -> py.eval("1")), "short-lived", 256 << 10);
        caller.start();
        caller.join();
        Fixtures.await("the companion of a dead thread to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("pybridge-companion-short-lived")));
    }

    @Test
    void virtualThreadsWaitingForEachOthersPythonWorkNeverStarveTheCarriers() {
        ChildJvm.of(NestedVirtualWaits.class).timeout(Duration.ofSeconds(90)).run().assertSucceeded();
    }

    /**
     * Each level runs on a carrier, releases the GIL and waits for a new virtual thread's Python work:
     * twenty levels deep, far more than the carriers a fixed pool would have (four here).
     */
    public static final class NestedVirtualWaits {
        public static void main(String[] args) throws Exception {
            Python python = Python.start();
            AtomicReference<Long> result = new AtomicReference<>();
            Thread top = Thread.ofVirtual().start(() -> result.set(level(python, 20)));
            top.join();
            if (result.get() == null || result.get() != 20L) {
                throw new AssertionError("nested waits gave " + result.get());
            }
            python.close();
            System.out.println("twenty nested waits done");
        }

        private static long level(Python python, int depth) {
            return python.withGil(py -> {
                long here = py.eval("1").as(Long.class);
                if (depth == 1) {
                    return here;
                }
                return here + py.allowThreads(() -> {
                    AtomicReference<Long> below = new AtomicReference<>();
                    Thread next = Thread.ofVirtual().start(() -> below.set(level(python, depth - 1)));
                    try {
                        next.join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return below.get();
                });
            });
        }
    }

    @Test
    void aSmallStackThreadRunsPythonOnItsCompanionNotOnTheCarriers() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        Thread caller = new Thread(null, () -> ranOn.set(python.withGil(py -> Thread.currentThread().getName())),
                "another-small-caller", 512 << 10);
        caller.start();
        caller.join();
        assertTrue(ranOn.get().startsWith("pybridge-companion-"), ranOn.get());
    }
}
