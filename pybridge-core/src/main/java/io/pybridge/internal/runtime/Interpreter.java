package io.pybridge.internal.runtime;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.discovery.ResolvedPython;

import io.pybridge.PythonRuntime;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.InPlaceScalars;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.PyBufferStruct;
import io.pybridge.internal.capi.LibPython;
import io.pybridge.internal.capi.PyConstants;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one interpreter of this process: started once, never restarted.
 *
 * <p>Initialization and finalization run on a dedicated platform thread ({@code pybridge-main}), which
 * owns Python's main thread state: Python expects to be finalized from the thread that initialized it,
 * and a caller's thread (possibly virtual, possibly short-lived) cannot promise that. Python's signal
 * handlers are never installed (signals belong to the JVM), and the GIL is released as soon as start-up
 * is done so that any thread can take it.
 */
public final class Interpreter {
    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    private static final PendingDecrefs PENDING = new PendingDecrefs();
    private static final List<CloseParticipant> PARTICIPANTS = new CopyOnWriteArrayList<>();
    private static final Duration FINALIZE_LIMIT = Duration.ofSeconds(10);
    private static volatile State state = State.NEW;
    /** Opened when close() is done, whether it finalized or gave up; later close() calls wait for it. */
    private static final CountDownLatch CLOSED = new CountDownLatch(1);
    private static volatile RuntimeException closeFailure;
    private static volatile ResolvedPython launched;
    private static volatile PythonRuntime runtime;
    private static ExecutorService mainThread;
    private static long mainDictPointer;
    /** Set once Py_Initialize was called: from then on the process's interpreter is used up, whatever happens. */
    private static volatile boolean initializeCalled;

    private Interpreter() {
    }

    /**
     * Starts the interpreter described by {@code spec}, or returns quietly when it is already running
     * on the same runtime.
     *
     * @throws IllegalStateException when it runs on another runtime or was closed
     * @throws PythonSetupException  when libpython cannot be loaded or initialized
     */
    public static synchronized void start(ResolvedPython spec) {
        switch (state) {
            case RUNNING -> {
                if (!launched.library().equals(spec.library())) {
                    throw new IllegalStateException("Python is already running in this JVM from "
                            + launched.library() + "; one process holds one interpreter, so "
                            + spec.library() + " cannot be started too");
                }
                return;
            }
            case CLOSING, CLOSED -> throw new IllegalStateException(
                    "Python was closed in this JVM and cannot be started again (CPython cannot be re-initialized)");
            case NEW -> { }
        }
        ProcessInterpreter.claim(spec.library().toString());
        mainThread = Executors.newSingleThreadExecutor(PythonThreads.single("pybridge-main"));
        try {
            onMainThread(() -> {
                initialize(spec);
                return null;
            });
        } catch (RuntimeException | Error e) {
            mainThread.shutdown();
            if (!initializeCalled) {
                ProcessInterpreter.release();
            }
            throw e;
        }
        launched = spec;
        runtime = spec.runtime();
        // Initialized here: virtual threads arriving together at their first call would otherwise wait for its
        // class initialization pinned to their carriers (the JVM pins a thread waiting for an initializer).
        CarrierThreads.prepare();
        state = State.RUNNING;
    }

    private static void initialize(ResolvedPython spec) {
        try {
            LibPython.load(spec.library(), spec.preloadLibraries());
        } catch (UnsatisfiedLinkError | IllegalStateException e) {
            throw ApiErrors.setup("cannot load libpython " + spec.library() + " (" + spec.source()
                    + "): " + e.getMessage(), e);
        }
        List<String> missing = CPython.missingRequired();
        if (!missing.isEmpty()) {
            throw ApiErrors.setup("libpython " + spec.library() + " (" + spec.source() + ") does not export "
                    + String.join(", ", missing) + ": it is not a CPython 3.11-3.14 shared library");
        }
        try {
            if (CPython.Py_IsInitialized() != 0) {
                throw ApiErrors.setup("libpython " + spec.library()
                        + " was already initialized by other code in this process; PyBridge must own the interpreter");
            }
            initializeCalled = true;   // from here on (pre-)initialization may have begun: no second try
            ProcessParity.beforeInitialize();
            InterpreterConfiguration.initialize(spec);
        } catch (UnsatisfiedLinkError e) {
            throw ApiErrors.setup(e.getMessage(), e);
        }
        ThreadContext ctx = Gil.context();
        ctx.threadState = CPython.PyThreadState_Get();
        ctx.ownsThreadState = false;
        ctx.holdsGil(true);
        ctx.depth = 1;
        try {
            mainDictPointer = CPython.PyModule_GetDict(CPython.PyImport_AddModule(ctx.scratch().cString("__main__")));
            // Ours for good: code that replaces sys.modules['__main__'] would otherwise free the dict under exec/eval.
            CPython.Py_IncRef(mainDictPointer);
            ProcessParity.afterInitialize(ctx);
            runStartupScript(ctx, spec);
        } finally {
            ctx.depth = 0;
            ctx.holdsGil(false);
            CPython.PyEval_SaveThread();
        }
    }

    private static void runStartupScript(ThreadContext ctx, ResolvedPython spec) {
        // threading takes the thread that first imports it for the main thread, and only that thread's
        // Py_FinalizeEx lets go of it; imported later by a caller's thread, finalization would wait forever.
        StringBuilder code = new StringBuilder("""
                import sys, threading
                if not getattr(sys, 'argv', None):
                    sys.argv = ['']
                """);
        code.append("sys.executable = ").append(PythonCode.literal(spec.probe().executable().toString())).append('\n');
        for (Path dir : spec.extraSysPath()) {
            String entry = PythonCode.literal(dir.toString());
            code.append("if ").append(entry).append(" not in sys.path: sys.path.append(").append(entry).append(")\n");
        }
        execOrSetupError(ctx, code.toString());
    }

    private static void execOrSetupError(ThreadContext ctx, String code) {
        try {
            CPython.Py_DecRef(PythonCode.run(ctx, code, PyConstants.FILE_INPUT, "<pybridge-startup>"));
        } catch (RuntimeException e) {
            if (!ApiErrors.isPythonException(e)) {
                throw e;
            }
            throw ApiErrors.setup("the interpreter started but its start-up settings failed ("
                    + e.getMessage() + "):\n" + code, e);
        }
    }

    /** {@code __main__}'s globals as the interpreter started: where {@code exec} and {@code eval} run. Held for its whole life. */
    public static long mainDict() {
        return mainDictPointer;
    }

    public static boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Whether a thread may take the GIL now: while the interpreter runs, and while it is closing for a
     * withGil body still in flight on that thread ({@code inFlight}: it is inside {@code allowThreads}) or
     * for a participant's thread that close has not shut out yet ({@code admitted}): close waits for both.
     */
    static boolean acceptsEntry(boolean inFlight, boolean admitted) {
        State now = state;
        return now == State.RUNNING || now == State.CLOSING && (inFlight || admitted);
    }

    /**
     * Whether the calling thread may use Python now: while the interpreter runs, and while it is closing
     * for a call already in flight on this thread (one that holds the GIL), which close lets finish.
     */
    public static boolean usableByCurrentThread() {
        State now = state;
        return now == State.RUNNING || now == State.CLOSING && Gil.heldByCurrentThread();
    }

    public static boolean isClosed() {
        return state == State.CLOSING || state == State.CLOSED;
    }

    public static PythonRuntime runtime() {
        PythonRuntime running = runtime;
        if (running == null) {
            throw notRunning();
        }
        return running;
    }

    public static IllegalStateException notRunning() {
        return switch (state) {
            case NEW -> new IllegalStateException("Python is not started: call Python.start() first");
            case CLOSING, CLOSED -> new IllegalStateException("Python has been closed; it cannot be used any more");
            case RUNNING -> new IllegalStateException("Python is running");
        };
    }

    /**
     * Drops a reference now if this thread holds the GIL, otherwise at the next acquisition: this
     * thread's own next one for a small immutable object on a thread that runs Python itself
     * ({@link ThreadContext#holdDrop}), any thread's for the rest.
     */
    public static void release(long pointer) {
        endNowOrLater(pointer, true);
    }

    /** Queues the references {@code ctx}'s thread kept to drop, now that the thread has ended. */
    static void handOverHeldDrops(ThreadContext ctx) {
        ctx.handOverHeld(PENDING);
    }

    /**
     * Ends a buffer export of {@link PyBufferStruct#exportOwned} now if this thread holds the GIL,
     * otherwise at the next acquisition, as {@link #release} does for a reference.
     */
    public static void releaseBuffer(long ownedView) {
        endNowOrLater(PendingDecrefs.bufferExport(ownedView), false);
    }

    /**
     * Ends a {@link PendingDecrefs} entry now if this thread holds the GIL, otherwise at the next
     * acquisition; a reference that {@code mayKeep} to a small immutable object waits for this thread's own.
     */
    private static void endNowOrLater(long entry, boolean mayKeep) {
        if (state != State.RUNNING && state != State.CLOSING) {
            return;
        }
        if (ThreadContext.ifCurrentHoldsGil() != null) {
            PendingDecrefs.end(entry);
            return;
        }
        ThreadContext own = mayKeep ? Gil.existingContextRunningPython() : null;
        if (own != null && InPlaceScalars.ready() && ObjectTypes.isSmallLeaf(entry)) {
            own.holdDrop(entry, PENDING);
        } else {
            PENDING.add(entry);
        }
    }

    /**
     * Drops the first {@code count} references of {@code pointers} at the next GIL acquisition; for a
     * thread that never holds the GIL (a garbage-collector clean-up), in one step where {@link #release}
     * would take the queue's lock for each.
     */
    static void releaseLater(long[] pointers, int count) {
        if (state != State.RUNNING && state != State.CLOSING) {
            return;
        }
        PENDING.addAll(pointers, count);
    }

    /** How many references wait for the GIL; for tests and diagnostics. */
    public static int pendingReleases() {
        return PENDING.size();
    }

    static void onAcquire() {
        if (PENDING.nonEmpty()) {
            PENDING.drain();
        }
        PythonHeldMemory.drain();
    }

    /** Adds work that {@link #close} winds down before finalizing (submitted calls, interpreter pools). */
    public static void register(CloseParticipant participant) {
        PARTICIPANTS.add(participant);
    }

    public static void unregister(CloseParticipant participant) {
        PARTICIPANTS.remove(participant);
    }

    /**
     * Finalizes the interpreter once. New calls are refused at once and queued ones fail; calls in flight
     * (withGil bodies on any thread, submitted calls, interpreter pool tasks) get up to {@code wait} to
     * finish. Those still running then are stopped: their callers get a clear exception and their Python
     * code a {@code pybridge.InterpreterClosing} raised where it runs, with {@link CloseParticipant#STOP_GRACE}
     * to unwind. Non-daemon Python threads, which {@code Py_FinalizeEx} would wait for forever, get the
     * same {@code wait}. If anything is still running after that (code stuck in a C call, a Python thread
     * that never ends), the interpreter is left as it is, not finalized (that would pull it out from under
     * them), and this throws naming them. Finalization itself is bounded too.
     */
    public static void close(Duration wait) {
        if (!Thread.currentThread().isVirtual() && Gil.context().inside) {
            throw new IllegalStateException("Python.close() cannot be called from inside withGil");
        }
        synchronized (Interpreter.class) {
            if (state != State.RUNNING) {
                awaitClosed();
                return;
            }
            state = State.CLOSING;
        }
        try {
            new InterpreterShutdown(wait, List.copyOf(PARTICIPANTS)).prepare();
            Duration limit = wait.compareTo(FINALIZE_LIMIT) > 0 ? wait : FINALIZE_LIMIT;
            onMainThreadHoldingGil(ctx -> {
                if (PENDING.nonEmpty()) {
                    PENDING.drain();
                }
                CPython.Py_FinalizeEx();
                ctx.holdsGil(false);
                ctx.depth = 0;
                return null;
            }, limit, "finalizing the interpreter (Py_FinalizeEx: atexit handlers, garbage collection)", false);
        } catch (RuntimeException e) {
            closeFailure = e;
            throw e;
        } finally {
            state = State.CLOSED;
            ProcessInterpreter.closed();
            PARTICIPANTS.clear();
            mainThread.shutdown();
            ProcessParity.afterClose();
            CLOSED.countDown();
        }
    }

    /**
     * Returns when the interpreter is closed, for a {@code close()} that found another one under way:
     * it must not return while that one still finalizes. Nothing to wait for before the first start.
     */
    private static void awaitClosed() {
        if (state == State.NEW) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                CLOSED.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = closeFailure;
        if (failure != null) {
            throw new IllegalStateException("an earlier Python.close() did not finalize the interpreter: "
                    + failure.getMessage(), failure);
        }
    }

    /**
     * Runs {@code work} on the thread that owns the main thread state, holding the GIL, and waits for it
     * at most {@code limit}. Used while closing, when ordinary entry is refused.
     *
     * @param release whether to release the GIL afterwards (false once the interpreter is finalized)
     * @throws IllegalStateException when it did not finish within {@code limit}
     */
    static <T> T onMainThreadHoldingGil(GilScope.Work<T> work, Duration limit, String what, boolean release) {
        Future<T> result = mainThread.submit(() -> {
            ThreadContext ctx = Gil.context();
            CPython.PyEval_RestoreThread(ctx.threadState);
            ctx.holdsGil(true);
            ctx.depth = 1;
            try {
                return work.run(ctx);
            } finally {
                if (release && ctx.holdsGil()) {
                    ctx.holdsGil(false);
                    ctx.depth = 0;
                    CPython.PyEval_SaveThread();
                }
            }
        });
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw CarrierThreads.rethrowToCaller(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Python.close(): " + what + " did not finish within " + limit
                    + "; the interpreter was not finalized");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    private static <T> T onMainThread(Callable<T> work) {
        try {
            return mainThread.submit(work).get();
        } catch (ExecutionException e) {
            throw CarrierThreads.rethrowToCaller(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Python main thread", e);
        }
    }
}
