package io.pybridge.internal.submit;

import io.pybridge.internal.runtime.GilReleasingWait;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a call the bridge runs on another thread. It is a plain {@link CompletableFuture} except
 * that its blocking waits ({@code get}, {@code join}) release the GIL when the waiting thread holds it,
 * so that waiting for a Python call inside a {@code withGil} body cannot deadlock. Stages derived from
 * it ({@code thenApply}, ...) are of this type too.
 */
public class PythonFuture<T> extends CompletableFuture<T> {

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new PythonFuture<>();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return GilReleasingWait.call(super::get);
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return GilReleasingWait.call(() -> super.get(timeout, unit));
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public T join() {
        try {
            return GilReleasingWait.call(super::join);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
