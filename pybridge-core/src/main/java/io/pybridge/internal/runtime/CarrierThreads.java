package io.pybridge.internal.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Platform threads that run Python work on behalf of threads that cannot run it themselves: virtual
 * threads, and platform threads whose stack is smaller than Python needs ({@link StackGuard}).
 *
 * <p>A Python thread state is bound to an OS thread, and a virtual thread may continue on another
 * carrier after any blocking call, so a virtual thread never takes the GIL itself: it hands its work
 * here and waits, unmounted, without pinning its carrier. A platform thread with a small stack (the JVM's
 * default is 1 MiB) waits here the same way; the carriers have {@link PythonThreads#BRIDGE_STACK}. The pool is small because the GIL lets one
 * thread run Python at a time; work that releases the GIL (numpy, I/O) still overlaps across the pool.
 */
public final class CarrierThreads {
    private static final int SIZE = Integer.getInteger("pybridge.carrierThreads",
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService POOL = Executors.newFixedThreadPool(SIZE, PythonThreads.factory("pybridge-carrier"));

    private CarrierThreads() {
    }

    /** Runs {@code work} on a bridge platform thread and waits for it, rethrowing what it throws. */
    public static <T> T call(Callable<T> work) {
        Future<T> future = POOL.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
