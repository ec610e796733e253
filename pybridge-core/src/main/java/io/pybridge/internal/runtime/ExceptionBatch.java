package io.pybridge.internal.runtime;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The Python references of exceptions translated together, dropped together once none of their Java
 * exceptions is reachable: one garbage-collector clean-up for up to {@link #SIZE} exceptions.
 *
 * <p>Why batches: with a clean-up registered per exception, every exception left something behind that
 * the clean-up needed (its registration, its kept traceback), which survived at least one collection
 * after the exception was dropped; a loop catching Python exceptions then made the young collections
 * copy some 400 bytes per exception, 40–220 ms pauses with the old generation filling up (two seconds of
 * a loop raising 300,000 a second: 780 MB live). A batch leaves one registration and five references or
 * so per exception. The price: an exception kept long keeps the Python objects of the others of its
 * batch, which were raised on the same thread just before or after it, until it is dropped too. Their
 * tracebacks' frames are gone by then (see {@link PythonErrors#fetch}), which leaves the exception objects
 * and their arguments; exceptions that keep their frames get a batch of their own.
 *
 * <p>Used by its thread while it holds the GIL; the clean-up reads the references, and close the kept
 * tracebacks once nothing runs any more.
 */
final class ExceptionBatch {
    /** How many exceptions a thread's batch takes before it starts a new one; one cause chain is never split. */
    static final int SIZE = 64;

    private KeptTraceback[] members = new KeptTraceback[4];
    private int size;
    private final Drop drop = new Drop();
    /** How close finds the batch's unread tracebacks while any of its exceptions is reachable. */
    final Listing listing = new Listing(this, drop);

    private ExceptionBatch() {
        Cleanups.register(this, drop);
        UnreadTracebacks.list(listing);
    }

    /**
     * The batch the calling thread adds exceptions to: that of its last ones while it has room and any of
     * them is reachable, else a new one. The thread holds it weakly (through its listing), so that a batch
     * whose exceptions are all gone is cleaned up even if it never fills.
     */
    static ExceptionBatch ofThread(ThreadContext ctx) {
        ExceptionBatch batch = ctx.exceptionBatch == null ? null : ctx.exceptionBatch.get();
        if (batch == null || batch.size >= SIZE) {
            batch = new ExceptionBatch();
            ctx.exceptionBatch = batch.listing;
        }
        return batch;
    }

    /** A batch for the exceptions of one cause chain alone: those whose frames stay on. */
    static ExceptionBatch ofItsOwn() {
        return new ExceptionBatch();
    }

    /** Adds an exception: close reads it while the batch is reachable, its Python references go with the batch. */
    void add(KeptTraceback kept) {
        if (size == members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[size++] = kept;
        kept.handReferencesTo(drop);
    }

    /** The kept tracebacks, newest first. */
    KeptTraceback[] newestFirst() {
        KeptTraceback[] newest = new KeptTraceback[size];
        for (int i = 0; i < size; i++) {
            newest[i] = members[size - 1 - i];
        }
        return newest;
    }

    /** A batch in {@link UnreadTracebacks}' list, without keeping it reachable. */
    static final class Listing extends WeakReference<ExceptionBatch> {
        // Links in UnreadTracebacks' list, newest first; guarded by that list's lock.
        Listing newer;
        Listing older;
        boolean listed;

        Listing(ExceptionBatch batch, Drop drop) {
            super(batch);
            drop.listing = this;
        }
    }

    /**
     * The clean-up: the references of every exception of the batch, dropped once the batch is unreachable.
     * Kept in chunks, a small first one and then {@link #CHUNK} at a time, so that a full batch's are not
     * copied into ever larger arrays as it fills.
     */
    static final class Drop implements Runnable {
        private static final int FIRST = 8;
        private static final int CHUNK = 64;
        private long[][] chunks = {new long[FIRST]};
        private int chunkCount = 1;
        private int usedInLast;
        /** Written after the reference it counts, by the batch's thread; read first by the clean-up. */
        private volatile int count;
        private Listing listing;

        void add(long reference) {
            long[] last = chunks[chunkCount - 1];
            if (usedInLast == last.length) {
                if (chunkCount == chunks.length) {
                    chunks = Arrays.copyOf(chunks, chunkCount * 2);
                }
                last = new long[CHUNK];
                chunks[chunkCount++] = last;
                usedInLast = 0;
            }
            last[usedInLast++] = reference;
            count = count + 1;
        }

        @Override
        public void run() {
            UnreadTracebacks.unlist(listing);
            int remaining = count;
            long[][] all = chunks;
            for (int i = 0; remaining > 0; i++) {
                int n = Math.min(remaining, all[i].length);
                Interpreter.releaseLater(all[i], n);
                remaining -= n;
            }
        }
    }
}
