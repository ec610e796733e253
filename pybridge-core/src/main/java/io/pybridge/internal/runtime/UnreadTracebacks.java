package io.pybridge.internal.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions whose traceback text or Python frames nobody may have read yet. Both are read lazily, on
 * first use, since formatting a traceback costs far more than raising (about 40 µs against 4 µs) and most
 * exceptions are caught and dropped unread; but they can only be read while the interpreter runs. So
 * {@code Python.close()}, once nothing runs any more and before it finalizes, reads them for every
 * exception still reachable, and {@code pythonTraceback()} and {@code getStackTrace()} give the same
 * answer after close as before.
 *
 * <p>Listed by {@link ExceptionBatch}, weakly: a batch leaves the list when its clean-up runs, and close
 * reads the members of the batches still reachable that are not read yet. An exception dropped but not
 * yet collected may still look reachable, and close reads it too: newest first, within {@link #BUDGET},
 * since the exception that ended a {@code try (Python python = ...)} block, read after close, is among
 * the newest.
 */
final class UnreadTracebacks implements CloseParticipant {
    /** How long close spends reading; the older exceptions left over after it read as empty. */
    static final Duration BUDGET = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(UnreadTracebacks.class);
    private static final Duration LIMIT = BUDGET.plusSeconds(30);
    private static final UnreadTracebacks INSTANCE = new UnreadTracebacks();

    private final Object lock = new Object();
    private ExceptionBatch.Listing newest;
    private boolean registered;

    private UnreadTracebacks() {
    }

    /** Lists a new batch, until its clean-up {@link #unlist unlists} it or close reads it. */
    static void list(ExceptionBatch.Listing listing) {
        INSTANCE.add(listing);
    }

    /** The batch's exceptions are gone: close need not read them. */
    static void unlist(ExceptionBatch.Listing listing) {
        INSTANCE.remove(listing);
    }

    private void add(ExceptionBatch.Listing listing) {
        boolean register;
        synchronized (lock) {
            listing.older = newest;
            if (newest != null) {
                newest.newer = listing;
            }
            newest = listing;
            listing.listed = true;
            register = !registered;
            registered = true;
        }
        if (register) {
            Interpreter.register(this);
        }
    }

    private void remove(ExceptionBatch.Listing listing) {
        synchronized (lock) {
            if (!listing.listed) {
                return;
            }
            if (listing.newer != null) {
                listing.newer.older = listing.older;
            } else {
                newest = listing.older;
            }
            if (listing.older != null) {
                listing.older.newer = listing.newer;
            }
            listing.newer = null;
            listing.older = null;
            listing.listed = false;
        }
    }

    /** The kept tracebacks of every batch still reachable, newest first; empties the list. */
    private List<KeptTraceback> takeAll() {
        List<ExceptionBatch> batches = new ArrayList<>();
        synchronized (lock) {
            for (ExceptionBatch.Listing listing = newest; listing != null; ) {
                ExceptionBatch.Listing older = listing.older;
                listing.newer = null;
                listing.older = null;
                listing.listed = false;
                ExceptionBatch batch = listing.get();
                if (batch != null) {
                    batches.add(batch);
                }
                listing = older;
            }
            newest = null;
        }
        List<KeptTraceback> all = new ArrayList<>();
        for (ExceptionBatch batch : batches) {
            for (KeptTraceback kept : batch.newestFirst()) {
                if (!kept.fullyRead()) {
                    all.add(kept);
                }
            }
        }
        return all;
    }

    @Override
    public void refuseNewWork() {
    }

    @Override
    public List<String> running() {
        return List.of();
    }

    @Override
    public void stopRunning(Duration waited) {
    }

    /** Nothing runs any more and the interpreter is not finalized yet: the last moment to read. */
    @Override
    public void release() {
        List<KeptTraceback> newestFirst = takeAll();
        if (newestFirst.isEmpty()) {
            return;
        }
        try {
            Interpreter.onMainThreadHoldingGil(ctx -> {
                readAll(ctx, newestFirst);
                return null;
            }, LIMIT, "reading the tracebacks of exceptions not read yet", true);
        } catch (RuntimeException e) {
            LOG.warn("Python.close(): the tracebacks of exceptions not read yet could not all be kept: {}",
                    e.getMessage());
        }
    }

    private static void readAll(ThreadContext ctx, List<KeptTraceback> newestFirst) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int read = 0;
        for (KeptTraceback kept : newestFirst) {
            if (System.nanoTime() - deadline > 0) {
                break;
            }
            kept.readText(ctx);
            kept.readFrames(ctx);
            read++;
        }
        if (read < newestFirst.size()) {
            LOG.warn("Python.close(): the tracebacks of the {} oldest exceptions not read yet were left unread "
                    + "after {}; they read as empty now", newestFirst.size() - read, BUDGET);
        }
    }
}
