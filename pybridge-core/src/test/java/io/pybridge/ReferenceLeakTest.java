package io.pybridge;

import io.pybridge.internal.runtime.Interpreter;
import org.junit.jupiter.api.Test;

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
            long deadline = System.nanoTime() + 30_000_000_000L;
            long after;
            do {
                System.gc();
                Thread.sleep(50);
                after = allocatedBlocks();
            } while (after - before >= TOLERANCE && System.nanoTime() < deadline);
            assertTrue(after - before < TOLERANCE, "blocks before " + before + ", after " + after);
        }
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
            long deadline = System.nanoTime() + 30_000_000_000L;
            long after;
            do {
                System.gc();
                Thread.sleep(50);
                after = allocatedBlocks();
            } while (after - before >= TOLERANCE && System.nanoTime() < deadline);
            assertTrue(after - before < TOLERANCE, "blocks before " + before + ", after " + after);
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
