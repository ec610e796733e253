package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Deletes the Python thread states of platform threads that have died, on a thread of its own
 * ({@code pybridge-reaper}).
 *
 * <p>Deleting another thread's state is safe in CPython 3.11, but from 3.12 on
 * {@code PyThreadState_Delete} unbinds the state from the {@code PyGILState} slot of the thread that
 * <em>calls</em> it, not of the thread it belonged to. Done on a bridge thread that goes on using Python,
 * that thread's slot would be wiped, and the next {@code PyGILState_Ensure} on it (numpy makes such calls)
 * would create a second thread state and abort the process ("_PyThreadState_Attach: non-NULL old
 * thread state"). The reaper uses a short-lived thread state of its own for each round: it clears the
 * dead states while its slot is intact (clearing may run destructors that call {@code PyGILState_Ensure}),
 * then deletes them, which only disturbs a slot nobody uses any more, then deletes its own.
 */
final class DeadThreadStates {
    private static final List<Long> PENDING = new ArrayList<>();
    private static final ExecutorService REAPER = Executors.newSingleThreadExecutor(
            PythonThreads.single("pybridge-reaper"));

    private DeadThreadStates() {
    }

    /** Queues the state of a thread that has died for deletion. */
    static void add(long threadState) {
        synchronized (PENDING) {
            PENDING.add(threadState);
            if (PENDING.size() > 1) {
                return;
            }
        }
        REAPER.execute(DeadThreadStates::reap);
    }

    /** Returns once every state queued so far has been deleted; for diagnostics and tests. */
    static void awaitReaped() {
        try {
            GilReleasingWait.call(() -> REAPER.submit(DeadThreadStates::reap).get());
        } catch (ExecutionException e) {
            throw CarrierThreads.rethrow(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("interrupted while deleting dead thread states", e);
        }
    }

    private static void reap() {
        long[] states;
        synchronized (PENDING) {
            states = PENDING.stream().mapToLong(Long::longValue).toArray();
            PENDING.clear();
        }
        if (states.length == 0) {
            return;
        }
        ThreadContext ctx = Gil.context();
        ctx.inside = true;
        try {
            if (!Interpreter.isRunning()) {
                return;
            }
            long own = CPython.PyThreadState_New(CPython.PyThreadState_GetInterpreter(states[0]));
            CPython.PyEval_RestoreThread(own);
            for (long state : states) {
                CPython.PyThreadState_Clear(state);
            }
            for (long state : states) {
                CPython.PyThreadState_Delete(state);
            }
            CPython.PyThreadState_Clear(own);
            CPython.PyThreadState_DeleteCurrent();
        } finally {
            ctx.inside = false;
        }
    }
}
