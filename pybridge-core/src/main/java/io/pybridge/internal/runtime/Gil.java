package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Taking and releasing the GIL for platform threads.
 *
 * <p>A Python thread state belongs to one OS thread. The first time a platform thread takes the GIL,
 * {@code PyGILState_Ensure} creates its thread state and the bridge keeps it for the life of the thread
 * (never calling the matching {@code Release}, which would destroy it); afterwards the thread switches
 * the GIL with {@code PyEval_RestoreThread}/{@code PyEval_SaveThread}, the cheapest pair the C API has.
 * Nested acquisitions on a thread that holds the GIL only count depth. Virtual threads never come here:
 * they can move between carrier threads, so {@link CarrierThreads} runs their work on a platform thread.
 * Thread states of platform threads that have died are deleted by {@link DeadThreadStates}.
 */
public final class Gil {
    private static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(Gil::newContext);
    /** The same contexts, read without creating one (a plain ThreadLocal's get has no side effect). */
    private static final ThreadLocal<ThreadContext> EXISTING = new ThreadLocal<>();
    private static final Set<ThreadContext> CONTEXTS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger VIRTUAL_READERS = new AtomicInteger();

    private Gil() {
    }

    /** This platform thread's context, created on first use. */
    public static ThreadContext context() {
        return CURRENT.get();
    }

    /**
     * The calling thread's context when it may take the GIL itself, or null when its Python work must
     * run on a carrier thread instead: a virtual thread, or a platform thread whose stack is too small
     * for Python ({@link StackGuard}) and that does not hold the GIL already.
     */
    public static ThreadContext contextIfRunnableHere() {
        ThreadContext holding = ThreadContext.ifCurrentHoldsGil();
        if (holding != null) {
            return holding;
        }
        if (Thread.currentThread().isVirtual()) {
            return null;
        }
        ThreadContext ctx = CURRENT.get();
        return ctx.mustHop() ? null : ctx;
    }

    /** {@link #enter(ThreadContext)} for the calling platform thread. */
    public static ThreadContext enter() {
        return enter(CURRENT.get());
    }

    /**
     * Takes the GIL for the calling platform thread, or only deepens the nesting when it holds it
     * already. Every {@code enter} is paired with an {@link #exit} in a {@code finally}.
     *
     * @throws IllegalStateException when the interpreter is not running (a body still in flight,
     *                               inside {@code allowThreads}, may come back while it closes)
     */
    public static ThreadContext enter(ThreadContext ctx) {
        if (ctx.holdsGil()) {
            ctx.depth++;
            return ctx;
        }
        ctx.inside = true;
        if (!Interpreter.acceptsEntry(ctx.suspended > 0, ctx.participant && admitsParticipants)) {
            ctx.inside = ctx.suspended > 0;
            throw Interpreter.notRunning();
        }
        if (ctx.threadState == 0) {
            CPython.PyGILState_Ensure();
            ctx.threadState = CPython.PyGILState_GetThisThreadState();
            ctx.pythonThreadId = CPython.PyThread_get_thread_ident();
            ctx.ownsThreadState = true;
            ProcessParity.adoptThread(ctx);
        } else {
            CPython.PyEval_RestoreThread(ctx.threadState);
        }
        ctx.holdsGil(true);
        ctx.depth = 1;
        Interpreter.onAcquire();
        ctx.dropHeld();
        return ctx;
    }

    public static void exit(ThreadContext ctx) {
        if (--ctx.depth > 0) {
            return;
        }
        ctx.sweep();
        PythonHeldMemory.drain();
        ctx.holdsGil(false);
        ctx.token = null;
        CPython.PyEval_SaveThread();
        ctx.inside = ctx.suspended > 0;
    }

    /**
     * Marks the calling thread as inside the interpreter without taking the GIL, for reading an
     * immutable object it holds a reference to where the object keeps its value: {@code close()} waits
     * for it as for a {@code withGil} body, so the memory stays there. A platform thread is marked in its
     * context; a virtual thread, which has none, is counted. False, changing nothing, unless the
     * interpreter is running (the caller then goes through the GIL, which answers for a closing
     * interpreter); after true, call {@link #leaveWithoutGil}.
     */
    public static boolean enterWithoutGil() {
        if (Thread.currentThread().isVirtual()) {
            VIRTUAL_READERS.incrementAndGet();
            if (!Interpreter.isRunning()) {
                VIRTUAL_READERS.decrementAndGet();
                return false;
            }
            return true;
        }
        ThreadContext ctx = CURRENT.get();
        if (ctx.inside) {
            return Interpreter.isRunning();
        }
        ctx.inside = true;
        if (!Interpreter.isRunning()) {
            ctx.inside = false;
            return false;
        }
        ctx.insideWithoutGil = true;
        return true;
    }

    /** Ends what {@link #enterWithoutGil} began. */
    public static void leaveWithoutGil() {
        if (Thread.currentThread().isVirtual()) {
            VIRTUAL_READERS.decrementAndGet();
            return;
        }
        ThreadContext ctx = CURRENT.get();
        if (ctx.insideWithoutGil) {
            ctx.insideWithoutGil = false;
            ctx.inside = false;
        }
    }

    /** Virtual threads now reading values without the GIL ({@link #enterWithoutGil}); close waits for none. */
    static int virtualReaders() {
        return VIRTUAL_READERS.get();
    }

    /**
     * Runs {@code work} with the GIL released; the calling thread must hold it. The thread stays
     * "inside" meanwhile: its withGil body is still in flight, and {@code close()} waits for it.
     */
    public static <T> T allowThreads(ThreadContext ctx, Supplier<T> work) {
        int depth = ctx.depth;
        ctx.holdsGil(false);
        ctx.depth = 0;
        ctx.suspended++;
        CPython.PyEval_SaveThread();
        try {
            return work.get();
        } finally {
            CPython.PyEval_RestoreThread(ctx.threadState);
            ctx.suspended--;
            ctx.inside = true;
            ctx.holdsGil(true);
            ctx.depth = depth;
        }
    }

    /**
     * Marks the calling thread as holding the GIL while Python calls into Java (an upcall); the thread
     * may be one Python created, whose thread state the bridge then borrows but never deletes.
     * Hand the context back to {@link #leaveUpcall}.
     */
    public static ThreadContext enterUpcall() {
        ThreadContext ctx = CURRENT.get();
        if (ctx.threadState == 0) {
            ctx.threadState = CPython.PyThreadState_Get();
            ctx.pythonThreadId = CPython.PyThread_get_thread_ident();
            ctx.ownsThreadState = false;
        }
        if (ctx.holdsGil()) {
            ctx.depth++;
        } else {
            ctx.holdsGil(true);
            ctx.depth = 1;
            ctx.inside = true;
            ctx.dropHeld();
        }
        ctx.upcalls++;
        return ctx;
    }

    /**
     * Whether this upcall nests so deeply in Python → Java → Python recursion that the thread's stack
     * could run out; the caller then raises {@code RecursionError} with {@link #recursionMessage}.
     */
    public static boolean stackExhausted(ThreadContext ctx) {
        return StackGuard.exhausted(ctx);
    }

    public static String recursionMessage(ThreadContext ctx) {
        return StackGuard.message(ctx);
    }

    public static void leaveUpcall(ThreadContext ctx) {
        ctx.upcalls--;
        if (--ctx.depth == 0) {
            ctx.sweep();
            ctx.holdsGil(false);
            ctx.inside = ctx.suspended > 0;
        }
    }

    /**
     * How many Python thread states the interpreter holds, after deleting those of platform threads
     * that have died; for diagnostics and tests. Takes the GIL.
     */
    public static int liveThreadStates() {
        collectDeadThreads();
        DeadThreadStates.awaitReaped();
        return GilScope.call(ctx -> {
            int count = 0;
            for (long t = CPython.PyInterpreterState_ThreadHead(CPython.PyInterpreterState_Get()); t != 0;
                 t = CPython.PyThreadState_Next(t)) {
                count++;
            }
            return count;
        });
    }

    /** Threads now inside the interpreter, other than the caller. */
    /** Cleared by close once its participants have stopped: no participant's thread enters after that. */
    private static volatile boolean admitsParticipants = true;

    /**
     * Marks the calling thread as a {@link CloseParticipant}'s: it may still enter while close waits for
     * that participant's work (a thread started just before close began would otherwise be refused, and
     * the work it was started for would never run).
     */
    public static void serveCloseParticipant() {
        context().participant = true;
    }

    /**
     * Shuts participants' threads out. A thread that marked itself inside before this is seen by
     * {@link #threadsInside} afterwards ({@code inside} is set before the check in {@link #enter}).
     */
    static void shutOutParticipants() {
        admitsParticipants = false;
    }

    static List<Thread> threadsInside() {
        return contextsInside().stream().map(ThreadContext::thread).toList();
    }

    /** Contexts of threads now inside the interpreter, other than the caller's. */
    static List<ThreadContext> contextsInside() {
        ThreadContext self = Thread.currentThread().isVirtual() ? null : CURRENT.get();
        List<ThreadContext> inside = new ArrayList<>();
        for (ThreadContext ctx : CONTEXTS) {
            if (ctx != self && ctx.inside) {
                inside.add(ctx);
            }
        }
        return inside;
    }

    /**
     * Whether the calling thread holds the GIL through the bridge. Never creates a context, so it is
     * cheap to ask from threads that never touch Python.
     */
    public static boolean heldByCurrentThread() {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual()) {
            return false;
        }
        ThreadContext ctx = EXISTING.get();
        return ctx != null && ctx.holdsGil();
    }

    /**
     * The calling platform thread's context, if it has one and runs Python itself (it does not hand its
     * work to a bridge thread); null otherwise. Never creates a context.
     */
    static ThreadContext existingContextRunningPython() {
        if (Thread.currentThread().isVirtual()) {
            return null;
        }
        ThreadContext ctx = EXISTING.get();
        return ctx != null && ctx.fitsPython ? ctx : null;
    }

    private static ThreadContext newContext() {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual()) {
            throw new IllegalStateException("a virtual thread cannot own a Python thread state");
        }
        collectDeadThreads();
        ThreadContext ctx = new ThreadContext(thread);
        CONTEXTS.add(ctx);
        EXISTING.set(ctx);
        return ctx;
    }

    private static void collectDeadThreads() {
        for (ThreadContext ctx : CONTEXTS) {
            // remove() decides the race between two threads collecting at once: a state is deleted once.
            if (!ctx.thread.isAlive() && CONTEXTS.remove(ctx)) {
                Interpreter.handOverHeldDrops(ctx);
                if (ctx.ownsThreadState && ctx.threadState != 0) {
                    DeadThreadStates.add(ctx.threadState);
                }
            }
        }
    }
}
