package io.pybridge.internal.runtime;

import io.pybridge.Python;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short-lived platform threads do not leave their Python thread states behind. */
class ThreadStateTest {

    @Test
    void deadThreadsThreadStatesAreDeleted() throws InterruptedException {
        Python python = Python.start();
        int before = Gil.liveThreadStates();
        for (int round = 0; round < 5; round++) {
            Thread[] threads = new Thread[20];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = Thread.ofPlatform().start(() -> python.withGil(py -> { py.eval("1").close(); return null; }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        python.withGil(py -> null);
        int after = Gil.liveThreadStates();
        assertTrue(after <= before + 1, "thread states before " + before + ", after 100 short-lived threads " + after);
    }
}
