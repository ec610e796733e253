package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.ThreadStacks;

import java.lang.ref.WeakReference;

/**
 * What the bridge keeps per platform thread: the Python thread state bound to it, whether it holds the
 * GIL and how deeply {@code withGil} is nested, and its native scratch stack. Only its own thread
 * reads or writes it, except {@link #inside}, which {@code close()} watches from another thread.
 */
public final class ThreadContext {
    private static final int YOUNG_LIMIT = 1024;
    /** How many closed small objects a thread keeps for its next GIL scope to drop; see {@link #holdDrop}. */
    private static final int HELD_DROPS = 16;
    final Thread thread;
    /** The thread's {@code PyThreadState*}, 0 until the thread first takes the GIL. */
    long threadState;
    /** The OS thread's id as Python knows it ({@code threading.get_ident()}), 0 until it first takes the GIL. */
    long pythonThreadId;
    /** True when the bridge created {@link #threadState} and so must delete it once the thread is gone. */
    boolean ownsThreadState;
    private boolean holdsGil;
    int depth;
    /** withGil bodies of this thread that are inside {@code allowThreads}: still in flight, GIL released. */
    int suspended;
    /** Calls from Python into Java now running on this thread, nested in one another. */
    int upcalls;
    /**
     * Whether this thread serves a {@link CloseParticipant} (the asyncio loop): its work is what close waits
     * for, so it may still enter while close waits, until close shuts participants out ({@link Gil#admitsParticipants}).
     */
    boolean participant;
    /** Set while the thread is anywhere inside the interpreter, GIL held or not; see {@link Interpreter#close}. */
    volatile boolean inside;
    /** Whether {@link #inside} was set by {@link Gil#enterWithoutGil}, which then clears it. */
    boolean insideWithoutGil;
    /** The thread's native stack, or null where the platform cannot tell; see {@link StackGuard}. */
    final ThreadStacks.Extent stack;
    /** Whether this thread may run Python itself; see {@link StackGuard#fitsPython}. */
    final boolean fitsPython;
    /** The outermost {@code withGil} body's token, for the public layer; opaque here. */
    public Object token;
    /** Where the exceptions this thread translates keep their Python references; see {@link ExceptionBatch#ofThread}. */
    ExceptionBatch.Listing exceptionBatch;
    private WeakReference<EscapedSmallResults> escapedSmallResults;
    private NativeScratch scratch;
    private TrackedObject[] young = new TrackedObject[32];
    private int youngCount;
    private final long[] heldDrops = new long[HELD_DROPS];
    private int heldDropCount;

    ThreadContext(Thread thread) {
        this.thread = thread;
        this.stack = ThreadStacks.currentExtent().orElse(null);
        this.fitsPython = StackGuard.fitsPython(stack);
    }

    /**
     * Whether Python work started on this thread must run on a carrier thread instead: its stack is
     * smaller than Python needs (or unknown), and it is not already running Python (an upcall on a
     * thread Python started, or a nested call, stays where it is).
     */
    boolean mustHop() {
        return !holdsGil && !fitsPython;
    }

    public Thread thread() {
        return thread;
    }

    public boolean holdsGil() {
        return holdsGil;
    }

    /**
     * The context whose thread holds the main interpreter's GIL, or null. Only that thread writes it, as it
     * takes and gives up the GIL, so a thread that finds its own context here holds the GIL: no other
     * thread can write it in between. Saves the thread-local lookup on the paths every call takes. The
     * converse does not hold: while a thread runs Python, the interpreter may hand the GIL to another thread
     * for a while, whose own entry and exit leave null here; the thread-local lookup answers then.
     */
    private static ThreadContext gilHolder;

    /** Records that this context's thread took ({@code true}) or gave up the GIL. Called by that thread. */
    void holdsGil(boolean holds) {
        holdsGil = holds;
        if (holds) {
            gilHolder = this;
        } else if (gilHolder == this) {
            gilHolder = null;
        }
    }

    /** The calling thread's context if it holds the GIL, otherwise null. */
    static ThreadContext ifCurrentHoldsGil() {
        ThreadContext holder = gilHolder;
        return holder != null && holder.thread == Thread.currentThread() ? holder : null;
    }

    /**
     * Remembers an object made while this thread holds the GIL. When the outermost GIL scope ends (or
     * the list fills up), the ones still open are handed to the garbage-collector safety net.
     */
    public void track(TrackedObject object) {
        if (youngCount == young.length) {
            if (young.length < YOUNG_LIMIT) {
                young = java.util.Arrays.copyOf(young, young.length * 2);
            } else {
                sweep();
            }
        }
        young[youngCount++] = object;
    }

    /**
     * Keeps the reference of a small immutable object ({@link ObjectTypes#isSmallLeaf}: None, an exact
     * int, float or bool, a short str or bytes) that this thread closed without the GIL, for its next GIL
     * scope, or its next call from Python into Java on a thread Python started, to drop
     * ({@link #dropHeld}): the usual loop, a call, its result read without the GIL and closed, queued each
     * result for the next scope of any thread under a lock taken twice. When the keeper is full, the kept
     * references go to {@code queue}, that way. A thread that stays away from Python keeps at most
     * {@value #HELD_DROPS} such objects alive, a few kilobytes; one that ends hands them over
     * ({@link #handOverHeld}). Called by this thread, which must run Python itself (not hop): the drop
     * happens in its own scopes.
     */
    void holdDrop(long pointer, PendingDecrefs queue) {
        if (heldDropCount == HELD_DROPS) {
            handOverHeld(queue);
        }
        heldDrops[heldDropCount++] = pointer;
    }

    /**
     * Drops what {@link #holdDrop} kept, if anything, each as a leaf (exact ints, floats, strs and the
     * like, whose release runs no Python code). Called by this thread, holding the GIL.
     */
    void dropHeld() {
        for (int i = 0; i < heldDropCount; i++) {
            ObjectTypes.dropLeaf(heldDrops[i]);
        }
        heldDropCount = 0;
    }

    /** Queues what {@link #holdDrop} kept for the next GIL scope of any thread; by this thread, or once it has ended. */
    void handOverHeld(PendingDecrefs queue) {
        if (heldDropCount > 0) {
            queue.addAll(heldDrops, heldDropCount);
            heldDropCount = 0;
        }
    }

    void sweep() {
        for (int i = 0; i < youngCount; i++) {
            young[i].escape(this);
            young[i] = null;
        }
        youngCount = 0;
    }

    /**
     * Where the small results this thread's scopes leave open share their clean-up ({@link EscapedSmallResults}):
     * the batch of the last ones while it has room and any of them is reachable, else a new one. Held
     * weakly, so that a batch whose results are all gone is cleaned up even if it never fills.
     */
    public EscapedSmallResults escapedSmallResults() {
        EscapedSmallResults batch = escapedSmallResults == null ? null : escapedSmallResults.get();
        if (batch == null || batch.isFull()) {
            batch = new EscapedSmallResults();
            escapedSmallResults = new WeakReference<>(batch);
        }
        return batch;
    }

    public NativeScratch scratch() {
        NativeScratch s = scratch;
        if (s == null) {
            s = scratch = new NativeScratch();
        }
        return s;
    }
}
