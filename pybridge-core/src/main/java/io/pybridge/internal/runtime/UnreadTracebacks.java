package io.pybridge.internal.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions whose traceback text or Python frames nobody has read yet. Both are read lazily, on first
 * use, since formatting a traceback costs far more than raising (about 40 µs against 4 µs) and most
 * exceptions are caught and dropped unread; but they can only be read while the interpreter runs. So
 * {@code Python.close()}, once nothing runs any more and before it finalizes, reads them for every
 * exception still listed, and {@code pythonTraceback()} and {@code getStackTrace()} give the same answer
 * after close as before.
 *
 * <p>An exception leaves the list when both are read, or when the garbage collector finds its Java
 * exception unreachable: the clean-up that drops its Python reference (which the exception needs anyway)
 * unlists it too, so tracking adds no reference object per exception, only two list links. An exception
 * dropped but not yet collected still looks held, and close reads it too: newest first, within
 * {@link #BUDGET}, since the exception that ended a {@code try (Python python = ...)} block, read after
 * close, is among the newest.
 */
final class UnreadTracebacks implements CloseParticipant {
    /** How long close spends reading; the older exceptions left over after it read as empty. */
    static final Duration BUDGET = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(UnreadTracebacks.class);
    private static final Duration LIMIT = BUDGET.plusSeconds(30);
    private static final UnreadTracebacks INSTANCE = new UnreadTracebacks();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "pybridge-exception-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final Object lock = new Object();
    private KeptTraceback newest;
    private int size;
    private boolean registered;

    private UnreadTracebacks() {
    }

    /**
     * Lists {@code kept} until it is read, and hands it to the garbage-collector clean-up that runs it
     * once {@code owner}, the Java exception's traceback source, is unreachable.
     */
    static void track(Object owner, KeptTraceback kept) {
        INSTANCE.list(kept);
        CLEANER.register(owner, kept);
    }

    /** Everything of {@code kept} has been read, or its exception is gone: close need not read it. */
    static void read(KeptTraceback kept) {
        INSTANCE.unlist(kept);
    }

    /** How many exceptions are listed now; for tests and measurements. */
    static int listed() {
        synchronized (INSTANCE.lock) {
            return INSTANCE.size;
        }
    }

    private void list(KeptTraceback kept) {
        boolean register;
        synchronized (lock) {
            kept.older = newest;
            if (newest != null) {
                newest.newer = kept;
            }
            newest = kept;
            kept.listed = true;
            size++;
            register = !registered;
            registered = true;
        }
        if (register) {
            Interpreter.register(this);
        }
    }

    private void unlist(KeptTraceback kept) {
        synchronized (lock) {
            if (!kept.listed) {
                return;
            }
            if (kept.newer != null) {
                kept.newer.older = kept.older;
            } else {
                newest = kept.older;
            }
            if (kept.older != null) {
                kept.older.newer = kept.newer;
            }
            kept.newer = null;
            kept.older = null;
            kept.listed = false;
            size--;
        }
    }

    private List<KeptTraceback> takeAll() {
        synchronized (lock) {
            List<KeptTraceback> all = new ArrayList<>(size);
            for (KeptTraceback kept = newest; kept != null; ) {
                KeptTraceback older = kept.older;
                kept.newer = null;
                kept.older = null;
                kept.listed = false;
                all.add(kept);
                kept = older;
            }
            newest = null;
            size = 0;
            return all;
        }
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
