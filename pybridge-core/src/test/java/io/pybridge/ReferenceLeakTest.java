package io.pybridge;

import io.pybridge.internal.runtime.Interpreter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million calls leave Python's allocated block count flat, whether results are closed or left to
 * the garbage collector. Blocks are counted by {@code sys.getallocatedblocks()}.
 */
class ReferenceLeakTest {
    private static final int CALLS = 1_000_000;
    private static final long TOLERANCE = 2_000;
    private final Python python = Python.start();

    /** Blocks after the JVM's garbage and the pending drops it produced have been released. */
    private long settledBlocks() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long now = allocatedBlocks();
        for (int i = 0; i < 20 && now < previous; i++) {
            System.gc();
            Thread.sleep(50);
            previous = now;
            now = allocatedBlocks();
        }
        return now;
    }

    /** Collects (Java, then the drops it queued) until Python's blocks are back within the tolerance, for up to 30 s. */
    private void assertBlocksReturnTo(long before) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long after;
        do {
            System.gc();
            Thread.sleep(50);
            after = allocatedBlocks();
        } while (after - before >= TOLERANCE && System.nanoTime() < deadline);
        assertTrue(after - before < TOLERANCE, "blocks before " + before + ", after " + after);
    }

    private long allocatedBlocks() {
        return python.withGil(py -> {
            py.exec("import gc\ngc.collect()");
            return py.eval("__import__('sys').getallocatedblocks()").as(Long.class);
        });
    }

    private PyObject add() {
        return python.withGil(py -> {
            py.exec("def leak_add(a, b):\n    return [a + 1, str(b)]\n");
            return py.eval("leak_add");
        });
    }

    @Test
    void closedResultsLeaveNothingBehind() throws InterruptedException {
        try (PyObject add = add()) {
            python.withGil(py -> {
                for (int i = 0; i < 10_000; i++) {
                    add.call(i, "x" + i).close();
                }
                return null;
            });
            long before = settledBlocks();
            python.withGil(py -> {
                for (int i = 0; i < CALLS; i++) {
                    try (PyObject r = add.call(i, "x" + (i & 1023))) {
                        assertEquals(2, r.len());
                    }
                }
                return null;
            });
            long after = allocatedBlocks();
            assertTrue(Math.abs(after - before) < TOLERANCE, "blocks before " + before + ", after " + after);
        }
    }

    @Test
    void unclosedResultsAreReclaimedAfterGarbageCollection() throws InterruptedException {
        try (PyObject add = add()) {
            long before = settledBlocks();
            for (int round = 0; round < 10; round++) {
                python.withGil(py -> {
                    for (int i = 0; i < CALLS / 10; i++) {
                        add.call(i, "y" + (i & 1023));
                    }
                    return null;
                });
            }
            assertBlocksReturnTo(before);
        }
    }

    @Test
    void unclosedSmallResultsAreReclaimedAfterGarbageCollection() throws InterruptedException {
        // ints, floats, None, short strs, bytes and tuples share clean-ups; the long str, bytes and tuple each have their own
        try (PyObject make = python.withGil(py -> {
            py.exec("""
                    def leak_small(i):
                        kind = i % 9
                        if kind == 0: return 10 ** 12 + i
                        if kind == 1: return i + 0.5
                        if kind == 2: return None
                        if kind == 3: return 's%d' % i
                        if kind == 4: return b'%d' % i * (i % 100)
                        if kind == 5: return '\\u0436%d' % i * 40
                        if kind == 6: return ('t%d' % i, i * 1000, i + 0.25)
                        if kind == 7: return (i * 1000,) * 9
                        return b'%d' % i * 200
                    """);
            return py.eval("leak_small");
        })) {
            long before = settledBlocks();
            for (int round = 0; round < 10; round++) {
                python.withGil(py -> {
                    for (int i = 0; i < CALLS / 10; i++) {
                        make.call(i); // results left to the collector
                    }
                    return null;
                });
            }
            assertBlocksReturnTo(before);
        }
    }

    @Test
    void anUnclosedSmallResultKeptPastItsScopeStaysValidAndClosingItDropsItAtOnce() throws InterruptedException {
        String make = "[10 ** 15 + i if i % 4 == 0 else 'k%d' % i * (i % 5 + 1) if i % 4 == 1 else b'b%d' % i if i % 4 == 2"
                + " else (10 ** 15 + i, 'k%d' % i) for i in range(200)]";
        python.withGil(py -> {
            py.exec("import sys\nkept_small = " + make);
            return null;
        });
        List<PyObject> kept = python.withGil(py -> {
            List<PyObject> keep = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                PyObject value = py.eval("kept_small[" + i + "]");
                if (i % 50 == 7 + i / 50) { // one of each kind
                    keep.add(value);
                }
            }
            return keep; // 200 left open: they share clean-ups; 4 stay reachable
        });
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(20);
            python.withGil(py -> null);
        }
        for (int k = 0; k < kept.size(); k++) {
            int index = 51 * k + 7;
            PyObject value = kept.get(k);
            String repr = python.withGil(py -> py.eval("repr(kept_small[" + index + "])").as(String.class));
            assertEquals(repr, value.toString(), "kept result " + index);
            long references = python.withGil(py -> py.eval("sys.getrefcount(kept_small[" + index + "])").as(Long.class));
            value.close();
            long afterClose = python.withGil(py -> py.eval("sys.getrefcount(kept_small[" + index + "])").as(Long.class));
            assertEquals(references - 1, afterClose, "closing result " + index + " drops its reference at once");
        }
        kept.clear();
        // Once every holder is gone, each entry is back to what the list alone holds: none dropped twice.
        String counts = "[sys.getrefcount(x) for x in kept_small]";
        List<Long> expected = python.withGil(py -> py.eval("[sys.getrefcount(x) for x in " + make + "]")
                .as(new io.pybridge.convert.TypeRef<List<Long>>() { }));
        List<Long> now = List.of();
        for (int i = 0; i < 100 && !expected.equals(now); i++) {
            System.gc();
            Thread.sleep(20);
            now = python.withGil(py -> py.eval(counts).as(new io.pybridge.convert.TypeRef<List<Long>>() { }));
        }
        assertEquals(expected, now);
    }

    @Test
    void droppedExceptionsReleaseTheirTracebacksAfterGarbageCollection() throws InterruptedException {
        try (PyObject fail = python.withGil(py -> {
            py.exec("def leak_fail(n):\n    payload = [n] * 100\n    raise ValueError(n)\n");
            return py.eval("leak_fail");
        })) {
            long before = settledBlocks();
            for (int round = 0; round < 10; round++) {
                python.withGil(py -> {
                    for (int i = 0; i < 10_000; i++) {
                        try {
                            fail.call(i);
                        } catch (PythonExecutionException e) {
                            // dropped unread: its frames (and their locals) must go with it
                        }
                    }
                    return null;
                });
            }
            assertBlocksReturnTo(before);
        }
    }

    @Test
    void closeWithoutTheGilIsAppliedAtTheNextAcquisition() throws Exception {
        PyObject obj = python.withGil(py -> {
            py.exec("import weakref\nclass Tracked: pass\ntracked = Tracked()\nprobe = weakref.ref(tracked)");
            PyObject t = py.eval("tracked");
            py.exec("del tracked");
            return t;
        });
        Thread closer = Thread.ofPlatform().start(obj::close);
        closer.join();
        assertTrue(Interpreter.pendingReleases() >= 1, "the drop waits for the GIL");
        assertEquals(Boolean.TRUE, python.withGil(py -> py.eval("probe() is None").as(Boolean.class)),
                "the reference dropped without the GIL was released when the GIL was next taken");
    }

    /**
     * Batches of drops made without the GIL, each applied at the next acquisition: every reference is
     * dropped exactly once however the queue's arrays are reused and grown between drains (one entry,
     * the initial capacity and one past it, past the largest array the queue keeps).
     */
    @Test
    void dropsQueuedWithoutTheGilAreEachAppliedOnceAcrossDrains() {
        python.withGil(py -> {
            py.exec("import sys\nshared_target = object()");
            return null;
        });
        long baseline = refcountOfSharedTarget();
        for (int batch : new int[] {1, 1, 3, 64, 65, 1, 5_000, 2, 9_000, 64, 1}) {
            List<PyObject> references = python.withGil(py -> {
                List<PyObject> made = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    made.add(py.eval("shared_target"));
                }
                return made;
            });
            assertEquals(baseline + batch, refcountOfSharedTarget(), "references held before the batch of " + batch);
            references.forEach(PyObject::close); // this thread does not hold the GIL: each drop is queued
            assertTrue(Interpreter.pendingReleases() >= batch, "a batch of " + batch + " waits for the GIL");
            assertEquals(baseline, refcountOfSharedTarget(), "after a batch of " + batch + " dropped without the GIL");
        }
    }

    private long refcountOfSharedTarget() {
        return python.withGil(py -> py.eval("sys.getrefcount(shared_target)").as(Long.class));
    }

    /**
     * Threads closing references without the GIL while others take it and drain: every thread's drops
     * reach its own object exactly once (a drop lost or applied twice while the queue's arrays are swapped
     * would leave one object's count off).
     */
    @Test
    void dropsQueuedByManyThreadsWhileOthersDrainAreEachAppliedOnce() throws Exception {
        int threads = 4;
        int rounds = 200;
        python.withGil(py -> {
            py.exec("import sys\nper_thread_targets = [object() for _ in range(" + threads + ")]");
            return null;
        });
        long[] baseline = refcountsOfPerThreadTargets(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < rounds; round++) {
                    int batch = 1 + (round * 37 + index) % 150;
                    List<PyObject> references = python.withGil(py -> {
                        List<PyObject> made = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            made.add(py.eval("per_thread_targets[" + index + "]"));
                        }
                        return made;
                    });
                    references.forEach(PyObject::close); // outside withGil: queued, drained by whoever is next
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertArrayEquals(baseline, refcountsOfPerThreadTargets(threads));
    }

    private long[] refcountsOfPerThreadTargets(int threads) {
        return python.withGil(py -> {
            long[] counts = new long[threads];
            for (int t = 0; t < threads; t++) {
                counts[t] = py.eval("sys.getrefcount(per_thread_targets[" + t + "])").as(Long.class);
            }
            return counts;
        });
    }
}
