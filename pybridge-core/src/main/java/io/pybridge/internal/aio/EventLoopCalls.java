package io.pybridge.internal.aio;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.runtime.GilScope;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** Coroutines Java runs on the bridge's event loop: {@code python.async} and bound {@code async def}s. */
public final class EventLoopCalls {

    private EventLoopCalls() {
    }

    /**
     * Runs {@code awaitable} on the loop (started on first use). The caller holds the GIL.
     *
     * @throws IllegalArgumentException when {@code awaitable} is not awaitable
     * @throws IllegalStateException    when Python is closing or closed
     */
    public static <T> CompletableFuture<T> schedule(PyRef awaitable, Type resultType) {
        if (awaitable == null) {
            throw new IllegalArgumentException("the body returned null, not a coroutine or other awaitable");
        }
        try (PyRef check = EventLoop.MODULE.attribute("is_awaitable"); PyRef answer = check.call(awaitable)) {
            if (!answer.as(Boolean.class)) {
                throw new IllegalArgumentException("the body returned a Python " + awaitable.typeName() + ", which "
                        + "is not awaitable: return a coroutine (call an async def), a Task or Future, or an object "
                        + "with __await__");
            }
        }
        return EventLoop.current().submit(awaitable, resultType, null);
    }

    /**
     * Calls an {@code async def} ({@code start} makes the coroutine: a new reference) and runs the coroutine
     * on the loop. A call that fails gives a failed future, as a submitted call does.
     *
     * @param context adds to a conversion failure of the result which call it was the result of
     * @throws IllegalStateException when Python is closing or closed
     */
    public static <T> CompletableFuture<T> callCoroutine(GilScope.Work<Long> start, Type resultType,
                                                         UnaryOperator<RuntimeException> context) {
        return GilScope.call(ctx -> {
            EventLoop loop = EventLoop.current();
            PyRef coroutine;
            try {
                long pointer = start.run(ctx);
                coroutine = PyRef.adopt(pointer);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            try (coroutine) {
                return loop.submit(coroutine, resultType, context);
            }
        });
    }
}
