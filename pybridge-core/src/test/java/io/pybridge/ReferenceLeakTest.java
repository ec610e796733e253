package io.pybridge;

import io.pybridge.internal.runtime.Interpreter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
