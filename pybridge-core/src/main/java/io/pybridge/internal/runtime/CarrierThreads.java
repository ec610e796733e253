package io.pybridge.internal.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Platform threads that run Python work on behalf of threads that cannot run it themselves: virtual
 * threads, and platform threads whose stack is smaller than Python needs ({@link StackGuard}).
 *
 * <p>A Python thread state is bound to an OS thread, and a virtual thread may continue on another
 * carrier after any blocking call, so a virtual thread never takes the GIL itself: it hands its work to
 * a pool of carriers ({@code pybridge-carrier-N}) and waits, unmounted, without pinning its carrier. The
 * pool keeps {@code max(4, 2 × cores)} threads ({@code -Dpybridge.carrierThreads}) and grows, one thread
 * per hand-off that finds every carrier busy, up to {@code -Dpybridge.maxCarrierThreads} (256): a body
 * that waits for another virtual thread's Python work holds its carrier meanwhile, and a fixed pool
 * whose carriers all wait so would never run the work they wait for. Extra carriers end after ten idle
 * seconds.
 *
 * <p>A platform thread with a small stack (the JVM's default is 1 MiB) hands its work to a companion of
 * its own instead ({@link CompanionThreads}), so that it keeps one Python thread state, and with it
 * {@code threading.local} data and contexts such as {@code decimal}'s, from one call to the next.
 */
public final class CarrierThreads {
    private static final int SIZE = Integer.getInteger("pybridge.carrierThreads",
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    private static final int MAX = Math.max(SIZE, Integer.getInteger("pybridge.maxCarrierThreads", 256));
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(SIZE, MAX, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), PythonThreads.factory("pybridge-carrier"), waitForACarrier());

    private CarrierThreads() {
    }

    /** Initializes the class (the pool, no thread started yet) on the calling thread. */
    static void prepare() {
    }

    /**
     * Runs {@code work} on a bridge platform thread (a carrier for a virtual thread, the caller's
     * companion for a platform one) and waits for it, rethrowing what it throws. Interrupts do not cut
     * the wait short, since the work may be running Python; the interrupt status is kept.
     */
    public static <T> T call(Callable<T> work) {
        Future<T> future = Thread.currentThread().isVirtual() ? POOL.submit(work) : CompanionThreads.submit(work);
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
            throw rethrowToCaller(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** At the largest size, a hand-off waits until a carrier is free. */
    private static RejectedExecutionHandler waitForACarrier() {
        return (task, pool) -> {
            boolean interrupted = false;
            while (true) {
                try {
                    pool.getQueue().put(task);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * {@code cause}, thrown on a bridge thread by work the calling thread handed over, as {@link #rethrow}
     * gives it, with the calling thread's frames added ({@link CallerFrames}).
     */
    static RuntimeException rethrowToCaller(Throwable cause) {
        try {
            CallerFrames.attach(cause);
        } catch (RuntimeException | Error couldNotAdd) {
            // No memory or stack left for the caller's frames: the failure itself is what must arrive.
        }
        return rethrow(cause);
    }

    /** {@code cause} as an unchecked exception to rethrow: itself when unchecked, an Error thrown as it is. */
    public static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
