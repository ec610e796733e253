package io.pybridge.internal.bind;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How a bound method declared to return {@code CompletableFuture<T>} runs its call. Until the bridge
 * has an executor of its own ({@code python.submit}), {@link #ON_CALLER} runs the call on the calling
 * thread and returns a completed (or failed) future; {@code Python.bind} is the one place that chooses.
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
