package io.pybridge.internal.aio;

import io.pybridge.internal.submit.PythonFuture;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a coroutine run on the bridge's event loop. Waiting for it ({@code get}, {@code join})
 * releases the GIL, as for every bridge future, and is refused on the loop's own thread while it is not
 * done: the loop could never complete it (the coroutine waits for the loop the caller blocks).
 */
final class LoopFuture<T> extends PythonFuture<T> {
    private final Thread loopThread;

    LoopFuture(Thread loopThread) {
        this.loopThread = loopThread;
    }

    private void refuseOnLoopThread() {
        if (Thread.currentThread() == loopThread && !isDone()) {
            throw new IllegalStateException("waiting for a coroutine on the asyncio event loop's own thread would "
                    + "block that loop for ever; await it in Python, or chain work with thenApply/whenComplete");
        }
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseOnLoopThread();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseOnLoopThread();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        refuseOnLoopThread();
        return super.join();
    }
}
