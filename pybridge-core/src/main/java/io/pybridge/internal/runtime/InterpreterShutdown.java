package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Interpreter#close} does before it finalizes: winds down every call in flight within the
 * close timeout, stops what is still running after it, and waits for the Python threads that
 * {@code Py_FinalizeEx} would otherwise wait for without limit. Runs on the closing thread, which holds
 * no GIL; the interpreter is already refusing new entries.
 */
final class InterpreterShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(InterpreterShutdown.class);
    private static final long POLL_MILLIS = 2;
    /** Threads Java entered from are skipped: they look non-daemon (see ProcessParity) but are not Python's to join. */
    private static final String NON_DAEMON_THREADS = "(lambda m: ', '.join(t.name for t in m.enumerate() if not "
            + "isinstance(t, m._DummyThread) and t is not m.main_thread() and not t.daemon and t.is_alive()) if m else '')"
            + "(__import__('sys').modules.get('threading'))";

    private final Duration wait;
    private final List<CloseParticipant> participants;

    InterpreterShutdown(Duration wait, List<CloseParticipant> participants) {
        this.wait = wait;
        this.participants = participants;
    }

    /**
     * Returns once nothing runs any more and finalizing is safe.
     *
     * @throws IllegalStateException naming what still runs when that cannot be reached
     */
    void prepare() {
        participants.forEach(CloseParticipant::refuseNewWork);
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> busy = awaitIdle(deadline);
        if (!busy.isEmpty()) {
            LOG.warn("Python.close(): stopping what still runs after {}: {}", wait, busy);
            participants.forEach(p -> p.stopRunning(wait));
            stopThreadsInside();
            busy = awaitIdle(System.nanoTime() + CloseParticipant.STOP_GRACE.toNanos());
            if (!busy.isEmpty()) {
                throw new IllegalStateException("Python was closed while " + busy + " still ran Python code after "
                        + "waiting " + wait + " and being stopped (code inside a long C call takes the stop only when "
                        + "it returns to Python); the interpreter was not finalized");
            }
        }
        Gil.shutOutParticipants();
        List<String> late = awaitIdle(System.nanoTime() + CloseParticipant.STOP_GRACE.toNanos());
        if (!late.isEmpty()) {
            throw new IllegalStateException("Python was closed while " + late + " still ran Python code after its "
                    + "work had stopped; the interpreter was not finalized");
        }
        participants.forEach(CloseParticipant::release);
        awaitPythonThreads(deadline);
    }

    /** What is still running, after waiting for it until {@code deadline}. */
    private List<String> awaitIdle(long deadline) {
        List<String> busy = busy();
        while (!busy.isEmpty() && System.nanoTime() - deadline < 0) {
            if (!pause()) {
                break;
            }
            busy = busy();
        }
        return busy;
    }

    private List<String> busy() {
        List<String> busy = new ArrayList<>();
        for (Thread thread : Gil.threadsInside()) {
            busy.add("thread " + thread.getName());
        }
        for (CloseParticipant participant : participants) {
            busy.addAll(participant.running());
        }
        int readers = Gil.virtualReaders();
        if (readers > 0) {
            busy.add(readers + " virtual threads reading values");
        }
        return busy;
    }

    /** Raises {@code pybridge.InterpreterClosing} in the Python code of every thread still inside. */
    private static void stopThreadsInside() {
        List<ThreadContext> inside = Gil.contextsInside();
        if (inside.isEmpty()) {
            return;
        }
        Interpreter.onMainThreadHoldingGil(ctx -> {
            long type = StopReason.CLOSING.mainInterpreterType(ctx);
            for (ThreadContext other : inside) {
                if (other.inside && other.pythonThreadId != 0) {
                    CPython.PyThreadState_SetAsyncExc(other.pythonThreadId, type);
                }
            }
            return null;
        }, CloseParticipant.STOP_GRACE, "stopping the calls still running", true);
    }

    /**
     * Runs {@code threading}'s exit callbacks, then waits until no non-daemon {@code threading.Thread} is
     * alive: {@code Py_FinalizeEx} joins them and would block close forever on one that never ends.
     */
    private void awaitPythonThreads(long deadline) {
        ProcessParity.beforeThreadShutdown(Duration.ofNanos(Math.max(deadline - System.nanoTime(), CloseParticipant.STOP_GRACE.toNanos())));
        while (true) {
            String names = Interpreter.onMainThreadHoldingGil(InterpreterShutdown::nonDaemonThreads, CloseParticipant.STOP_GRACE,
                    "listing Python threads", true);
            if (names.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0 || !pause()) {
                throw new IllegalStateException("Python.close(): non-daemon Python threads [" + names + "] were still "
                        + "running after waiting " + wait + "; Py_FinalizeEx would wait for them forever. Make them "
                        + "daemon threads (threading.Thread(daemon=True)) or end them before close(); the interpreter "
                        + "was not finalized");
            }
        }
    }

    private static String nonDaemonThreads(ThreadContext ctx) {
        long names = PythonCode.run(ctx, NON_DAEMON_THREADS, PyConstants.EVAL_INPUT, "<pybridge close>");
        try {
            return PythonText.read(ctx, names);
        } finally {
            CPython.Py_DecRef(names);
        }
    }

    /** Sleeps a little; false when interrupted (the flag is kept and waiting ends). */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
