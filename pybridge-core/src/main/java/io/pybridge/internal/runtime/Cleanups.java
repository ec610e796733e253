package io.pybridge.internal.runtime;

import java.lang.ref.Cleaner;

/**
 * The bridge's one garbage-collector clean-up thread, for every Python reference whose Java holder was
 * reclaimed without being closed: single objects ({@code PyRef}), batches of small results
 * ({@link EscapedSmallResults}) and of caught exceptions ({@link ExceptionBatch}). One thread keeps up
 * with all of them because no clean-up waits for anything: each hands its references to the queue the
 * next GIL acquisition drains ({@link Interpreter#release}).
 */
public final class Cleanups {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread thread = new Thread(r, "pybridge-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private Cleanups() {
    }

    /** Runs {@code cleanup} once {@code holder} is phantom reachable, unless cleaned first; see {@link Cleaner#register}. */
    public static Cleaner.Cleanable register(Object holder, Runnable cleanup) {
        return CLEANER.register(holder, cleanup);
    }
}
