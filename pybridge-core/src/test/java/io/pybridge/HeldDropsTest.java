package io.pybridge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small immutable results closed without the GIL on a thread that runs Python itself wait for that
 * thread's next GIL scope, not in the queue every thread's scopes drain under a lock: each is dropped
 * once, by its own thread, or by the queue once the keeper is full or the thread has ended; anything else
 * still goes through the queue.
 */
class HeldDropsTest {
    private static final long EIGHT_MIB = 8L << 20;
    private static Python python;

    @BeforeAll
    static void define() {
        python = Python.start();
        python.withGil(py -> {
            py.exec("import sys\nheld_int = 10**12 + 7\nheld_list = [1, 2]");
            return null;
        });
    }

    /** sys.getrefcount of a module variable, asked on a thread of its own (which drains the shared queue). */
    private static long refcount(String name) throws Exception {
        return onThread(EIGHT_MIB, () -> python.withGil(py -> py.eval("sys.getrefcount(" + name + ")").as(Long.class)));
    }

    /** Runs {@code body} on a new platform thread of {@code stack} bytes; its failures, assertions too, are rethrown here. */
    private static <T> T onThread(long stack, Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().stackSize(stack).start(() -> {
            try {
                result.set(body.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.join();
        Throwable failed = failure.get();
        if (failed instanceof Exception e) {
            throw e;
        }
        if (failed != null) {
            throw (Error) failed;
        }
        return result.get();
    }

    private static List<PyObject> references(String name, int count) {
        return python.withGil(py -> {
            List<PyObject> made = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                made.add(py.eval(name));
            }
            return made;
        });
    }

    @Test
    void smallResultsClosedWithoutTheGilWaitForTheirOwnThreadsNextScope() throws Exception {
        long baseline = refcount("held_int");
        onThread(EIGHT_MIB, () -> {
            references("held_int", 5).forEach(PyObject::close);
            assertEquals(baseline + 5, refcount("held_int"),
                    "not queued: another thread's scope, which drains the queue, leaves them to this one");
            python.withGil(py -> null);
            assertEquals(baseline, refcount("held_int"), "this thread's next scope dropped each once");

            references("held_int", 40).forEach(PyObject::close);
            assertEquals(baseline + 8, refcount("held_int"), "a full keeper hands its 16 to the queue, twice");
            python.withGil(py -> null);
            assertEquals(baseline, refcount("held_int"), "the rest dropped by this thread's next scope");
            return null;
        });
    }

    @Test
    void aThreadThatEndsHandsWhatItKeptToTheQueue() throws Exception {
        // Asks on a thread that stays: a new thread's first scope would collect the ended one at once.
        ExecutorService observer = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().stackSize(EIGHT_MIB).unstarted(r));
        try {
            Callable<Long> count = () -> python.withGil(py -> py.eval("sys.getrefcount(held_int)").as(Long.class));
            long baseline = observer.submit(count).get();
            onThread(EIGHT_MIB, () -> {
                references("held_int", 7).forEach(PyObject::close);
                return null;
            });
            assertEquals(baseline + 7, observer.submit(count).get(),
                    "kept by the ended thread until a context collects it");
            onThread(EIGHT_MIB, () -> python.withGil(py -> null));
            assertEquals(baseline, observer.submit(count).get(), "handed over when a new thread's context collected it");
        } finally {
            observer.shutdown();
        }
    }

    @Test
    void otherObjectsAndThreadsThatHandTheirWorkOverStillQueue() throws Exception {
        long listBaseline = refcount("held_list");
        long intBaseline = refcount("held_int");
        onThread(EIGHT_MIB, () -> {
            references("held_list", 3).forEach(PyObject::close);
            assertEquals(listBaseline, refcount("held_list"), "a mutable object is queued: another thread drops it");
            return null;
        });
        onThread(512 << 10, () -> {
            references("held_int", 3).forEach(PyObject::close);
            assertEquals(intBaseline, refcount("held_int"), "a thread whose Python runs on a bridge thread queues");
            return null;
        });
    }

    @Test
    void aPythonThreadsKeptDropsGoAtItsNextCallIntoJava() {
        Runnable closeWithoutGil = () -> {
            List<PyObject> kept = references("held_int", 5);
            python.withGil(py -> py.allowThreads(() -> {
                kept.forEach(PyObject::close);
                return null;
            }));
        };
        Runnable nothing = () -> { };
        List<?> seen = python.withGil(py -> {
            try (PyObject main = py.importModule("__main__")) {
                main.setAttr("held_close_without_gil", closeWithoutGil);
                main.setAttr("held_nothing", nothing);
            }
            py.exec("""
                    import threading
                    held_seen = [sys.getrefcount(held_int)]
                    def held_work():
                        held_close_without_gil()
                        held_seen.append(sys.getrefcount(held_int))
                        held_nothing()
                        held_seen.append(sys.getrefcount(held_int))
                    threading.stack_size(16 << 20)
                    held_thread = threading.Thread(target=held_work)
                    threading.stack_size(0)
                    held_thread.start()
                    held_thread.join()
                    """);
            try (PyObject list = py.eval("held_seen")) {
                return list.as(List.class);
            }
        });
        long baseline = (Long) seen.get(0);
        assertEquals(List.of(baseline, baseline + 5, baseline), seen,
                "kept by the Python thread that closed them, dropped at its next call into Java");
    }
}
