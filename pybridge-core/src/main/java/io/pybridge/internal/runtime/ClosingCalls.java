package io.pybridge.internal.runtime;

import java.time.Duration;

/**
 * Python work a {@link CloseParticipant} must do while the interpreter closes, when ordinary entry is
 * refused already (telling the bridge's asyncio loop to stop, for one): it runs on the interpreter's main
 * thread holding the GIL, as close's own steps do.
 */
public final class ClosingCalls {

    private ClosingCalls() {
    }

    /**
     * Runs {@code work} on the main thread holding the GIL and waits for it at most {@code limit}.
     *
     * @throws IllegalStateException when it did not finish within {@code limit}
     */
    public static <T> T onMainThread(GilScope.Work<T> work, Duration limit, String what) {
        return Interpreter.onMainThreadHoldingGil(work, limit, what, true);
    }
}
