package io.pybridge.internal.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits the bridge performs for its callers (on a future, on a worker thread) release the GIL first
 * when the waiting thread holds it: the thread being waited for may need the GIL to finish, and holding
 * it across the wait would deadlock (DESIGN.md, "No deadlock across languages").
 */
public final class GilReleasingWait {
    private GilReleasingWait() {
    }

    /** Runs {@code wait} with the GIL released if the calling thread holds it, rethrowing what it throws. */
    public static <T> T call(Callable<T> wait) throws Exception {
        if (!Gil.heldByCurrentThread()) {
            return wait.call();
        }
        Exception[] failure = new Exception[1];
        T result = Gil.allowThreads(Gil.context(), () -> {
            try {
                return wait.call();
            } catch (Exception e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    /** {@code future.join()} with the GIL released meanwhile; rethrows the future's failure unchanged. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return call(future::join);
        } catch (CompletionException e) {
            throw CarrierThreads.rethrow(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
