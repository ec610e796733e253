package io.pybridge.internal.aio;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.convert.PythonToJava;
import io.pybridge.internal.runtime.GilScope;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One coroutine Java runs on the event loop: its Java future, and the {@code concurrent.futures.Future}
 * of its task. Completing the Java future from outside (cancel, {@code orTimeout}, close) cancels the
 * task; the task's end (result, exception, or cancellation, Python's {@code CancelledError} included)
 * completes the Java future.
 */
final class LoopCall<T> {
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final int RESULT = 0;
    private static final int ERROR = 1;

    final LoopFuture<T> future;
    final String name = "#" + NUMBERS.incrementAndGet();
    private final EventLoop loop;
    private final Type resultType;
    private final UnaryOperator<RuntimeException> context;
    private volatile PyRef task;
    /** Set once the task has ended: the Java future is then being completed from Python's side. */
    private volatile boolean settling;

    LoopCall(EventLoop loop, Type resultType, UnaryOperator<RuntimeException> context) {
        this.loop = loop;
        this.resultType = resultType;
        this.context = context;
        this.future = new LoopFuture<>(loop.thread());
        future.whenComplete((result, failure) -> {
            PyRef started = task;
            if (!settling && started != null) {
                loop.cancelInPython(started);
            }
        });
    }

    /** The task's {@code concurrent.futures.Future}, once submitted; cancelled if the future completed meanwhile. */
    void started(PyRef concurrentFuture) {
        task = concurrentFuture;
        if (future.isDone() && !settling) {
            loop.cancelInPython(concurrentFuture);
        }
        if (settling) {
            releaseTask();
        }
    }

    /** The task ended (on the loop thread, or on the thread that cancelled it). The caller holds the GIL. */
    void settle(int state, PyRef value) {
        settling = true;
        try {
            complete(state, value);
        } finally {
            releaseTask();
        }
    }

    /**
     * Lets the ended task's {@code concurrent.futures.Future} go: through its done-callbacks it holds the
     * asyncio task, which holds its exception's traceback (asyncio keeps it beside the exception), and with
     * it every local variable of the coroutine that failed.
     */
    private void releaseTask() {
        PyRef ended = task;
        if (ended != null) {
            ended.close();
        }
    }

    private void complete(int state, PyRef value) {
        loop.finished(this);
        if (state == RESULT) {
            Object converted;
            try {
                converted = convert(value);
            } catch (RuntimeException e) {
                RuntimeException failure = context == null ? e : context.apply(e);
                loop.complete(() -> future.completeExceptionally(failure));
                return;
            }
            @SuppressWarnings("unchecked") T result = (T) converted;
            loop.complete(() -> future.complete(result));
        } else if (state == ERROR) {
            RuntimeException error = value.finishedTaskException();
            loop.complete(() -> future.completeExceptionally(error));
        } else {
            loop.complete(() -> future.cancel(false));
        }
    }

    /** Ends the call from Java's side (close, or the loop stopping): the task is cancelled if it still runs. */
    void fail(RuntimeException failure) {
        loop.finished(this);
        future.completeExceptionally(failure);
    }

    private Object convert(PyRef value) {
        return GilScope.call(ctx -> {
            long pointer = value.beginUse();
            try {
                return PythonToJava.convert(ctx, pointer, resultType);
            } finally {
                value.endUse();
            }
        });
    }
}
