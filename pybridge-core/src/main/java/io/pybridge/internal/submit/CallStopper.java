package io.pybridge.internal.submit;

import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonThreads;

import io.pybridge.internal.runtime.StopReason;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stops calls running in the main interpreter (cancelled or timed-out futures) from a daemon thread of
 * its own: delivering the stop takes the GIL, which may take a while when the call is inside a long C
 * function, and {@code Future.cancel} must return at once.
 */
final class CallStopper {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            PythonThreads.single("pybridge-stopper"));

    private CallStopper() {
    }

    static void stop(StoppableRun run, StopReason reason) {
        THREAD.execute(() -> {
            try {
                GilScope.call(ctx -> run.stop(reason.mainInterpreterType(ctx)));
            } catch (IllegalStateException closing) {
                // The interpreter is closing: close() itself stops what still runs.
            }
        });
    }
}
