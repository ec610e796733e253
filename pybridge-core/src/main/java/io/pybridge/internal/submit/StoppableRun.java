package io.pybridge.internal.submit;

import io.pybridge.internal.capi.CPython;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * One run of Python code that another thread may stop while it runs, by raising an exception in it
 * ({@code PyThreadState_SetAsyncExc}, which the interpreter delivers at the next bytecode boundary).
 *
 * <p>The danger is a stop that arrives just after the code finished: the exception would stay pending
 * on the thread state and hit whatever that thread runs next. So the running thread marks the end of
 * its run, and the stopper delivers, under one lock, both while attached to the interpreter; and a run
 * that was stopped clears any undelivered exception before its thread moves on. The GIL alone would
 * give the same exclusion, but not on a free-threaded build, so the lock is Java's own. It is held for
 * a few field writes and one short C call that waits for nothing, so no thread ever waits for the GIL
 * while holding it.
 */
public final class StoppableRun {
    private enum State { WAITING, RUNNING, FINISHED, NEVER_RAN }

    private State state = State.WAITING;
    private long pythonThreadId;
    private boolean stopDelivered;

    /**
     * Called by the running thread, attached to the interpreter, just before the code starts. Returns
     * false when a stop came first: the code must not run at all.
     */
    public synchronized boolean begin() {
        if (state != State.WAITING) {
            return false;
        }
        state = State.RUNNING;
        pythonThreadId = CPython.PyThread_get_thread_ident();
        return true;
    }

    /** Called by the running thread, still attached, once the code has returned or raised. */
    public synchronized void end() {
        state = State.FINISHED;
        if (stopDelivered) {
            CPython.PyThreadState_SetAsyncExc(pythonThreadId, 0);
        }
    }

    /**
     * From any thread, without the GIL: makes sure a run that has not begun never will. Returns true
     * when it did so, false when the run has begun already (it may be running or finished).
     */
    public synchronized boolean preventStart() {
        if (state == State.WAITING) {
            state = State.NEVER_RAN;
            return true;
        }
        return false;
    }

    /**
     * Runs {@code code} as this run, on the calling thread, which is attached to the interpreter.
     *
     * @throws CancellationException when a stop came before it began
     */
    public <T> T run(Supplier<T> code) {
        if (!begin()) {
            throw new CancellationException("the call was cancelled before it started");
        }
        try {
            return code.get();
        } finally {
            end();
        }
    }

    /**
     * Called by the stopping thread, attached to the same interpreter: raises {@code exceptionType} in
     * the running code once. Returns whether it was raised (false when the run is not running).
     */
    public synchronized boolean stop(long exceptionType) {
        preventStart();
        if (state != State.RUNNING || stopDelivered) {
            return false;
        }
        stopDelivered = CPython.PyThreadState_SetAsyncExc(pythonThreadId, exceptionType) == 1;
        return stopDelivered;
    }

    /** Whether the code is running now: a stop would reach it. */
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }
}
