package io.pybridge.internal.bind;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How a bound method declared to return {@code CompletableFuture<T>} runs its call. {@code Python.bind}
 * passes one that goes through {@code python.submit} (the bridge's executor, cancellable futures);
 * {@link #ON_CALLER} runs the call on the calling thread and returns a completed (or failed) future.
 */
@FunctionalInterface
public interface AsyncCalls {
    AsyncCalls ON_CALLER = new AsyncCalls() {
        @Override
        public <T> CompletableFuture<T> run(Supplier<T> call) {
            try {
                return CompletableFuture.completedFuture(call.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    };

    <T> CompletableFuture<T> run(Supplier<T> call);
}
