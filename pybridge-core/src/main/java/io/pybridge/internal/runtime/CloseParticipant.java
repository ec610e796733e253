package io.pybridge.internal.runtime;

import java.time.Duration;
import java.util.List;

/**
 * Work the bridge runs on the interpreter besides {@code withGil} (submitted calls, interpreter pools)
 * that must wind down when {@code Python.close()} runs. Close calls these steps in order, each from the
 * closing thread, which holds no GIL; see {@link Interpreter#close}.
 */
public interface CloseParticipant {
    /** How long stopped calls get to unwind after the close timeout. */
    Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Close has begun: refuse new work and fail, clearly, the work that has not started. */
    void refuseNewWork();

    /** What is still running, one line each (empty when idle): named in close's messages. */
    List<String> running();

    /**
     * The wait is over: fail what still runs, clearly, and stop its Python code where this participant
     * is the one that can (calls in the main interpreter are stopped by close itself).
     */
    void stopRunning(Duration waited);

    /** Everything has stopped: release threads and sub-interpreters before the interpreter is finalized. */
    void release();
}
