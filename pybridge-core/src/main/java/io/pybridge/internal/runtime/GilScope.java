package io.pybridge.internal.runtime;

/**
 * Runs a piece of bridge work with the GIL held, from any thread: directly on a platform thread,
 * through {@link CarrierThreads} from a virtual one.
 */
public final class GilScope {

    /** Work that needs the GIL and the calling thread's context. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ThreadContext ctx);
    }

    private GilScope() {
    }

    public static <T> T call(Work<T> work) {
        if (Thread.currentThread().isVirtual()) {
            return CarrierThreads.call(() -> callOnPlatformThread(work));
        }
        return callOnPlatformThread(work);
    }

    private static <T> T callOnPlatformThread(Work<T> work) {
        ThreadContext ctx = Gil.enter();
        long mark = ctx.scratch().mark();
        try {
            return work.run(ctx);
        } finally {
            ctx.scratch().release(mark);
            Gil.exit(ctx);
        }
    }
}
