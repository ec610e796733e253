package io.pybridge.internal.convert;

import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.ThreadContext;

import java.util.function.Supplier;

/**
 * Copies between Java arrays and Python buffers that are large enough to be worth releasing the GIL
 * for, so that other threads run Python meanwhile (numpy does the same in its own loops). The buffer
 * stays exported throughout, so its memory cannot move or be freed; small copies keep the GIL, since
 * releasing and taking it again would cost more than they do.
 */
final class LargeCopies {
    /** 1 MiB: about 30 µs of copying, against well under a microsecond to release and retake the GIL. */
    static final long THRESHOLD = 1 << 20;

    private LargeCopies() {
    }

    static <T> T call(ThreadContext ctx, long bytes, Supplier<T> copy) {
        return bytes < THRESHOLD || !ctx.holdsGil() ? copy.get() : Gil.allowThreads(ctx, copy);
    }

    static void run(ThreadContext ctx, long bytes, Runnable copy) {
        call(ctx, bytes, () -> {
            copy.run();
            return null;
        });
    }
}
