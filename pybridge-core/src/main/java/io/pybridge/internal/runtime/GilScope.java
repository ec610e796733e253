package io.pybridge.internal.runtime;

/**
 * Runs a piece of bridge work with the GIL held, from any thread: directly on a platform thread with
 * the stack Python needs, through {@link CarrierThreads} from a virtual thread or a small-stack one.
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
        ThreadContext ctx = Gil.contextIfRunnableHere();
        if (ctx == null) {
            return CarrierThreads.call(() -> callHere(Gil.context(), work));
        }
        return callHere(ctx, work);
    }

    private static <T> T callHere(ThreadContext context, Work<T> work) {
        ThreadContext ctx = Gil.enter(context);
        long mark = ctx.scratch().mark();
        try {
            return work.run(ctx);
        } finally {
            ctx.scratch().release(mark);
            Gil.exit(ctx);
        }
    }
}
