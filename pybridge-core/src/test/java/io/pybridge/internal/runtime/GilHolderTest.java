package io.pybridge.internal.runtime;

import io.pybridge.Python;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thread finds its own context as the GIL's holder exactly while it holds the GIL. */
class GilHolderTest {

    @Test
    void onlyTheThreadHoldingTheGilFindsItself() throws Exception {
        Python.start();
        assertNull(ThreadContext.ifCurrentHoldsGil(), "not before the GIL is taken");
        boolean[] otherFoundItself = {true};
        GilScope.call(ctx -> {
            assertSame(ctx, ThreadContext.ifCurrentHoldsGil());
            Thread other = Thread.ofPlatform().start(() -> otherFoundItself[0] = ThreadContext.ifCurrentHoldsGil() != null);
            joinQuietly(other);
            GilScope.call(nested -> {
                assertSame(ctx, ThreadContext.ifCurrentHoldsGil(), "nested scopes hold it too");
                return null;
            });
            assertSame(ctx, ThreadContext.ifCurrentHoldsGil(), "still, after a nested scope ends");
            Gil.allowThreads(ctx, () -> {
                assertNull(ThreadContext.ifCurrentHoldsGil(), "not while the GIL is let go");
                return null;
            });
            assertSame(ctx, ThreadContext.ifCurrentHoldsGil(), "again once it is taken back");
            return null;
        });
        assertTrue(!otherFoundItself[0], "another thread does not find itself while this one holds the GIL");
        assertNull(ThreadContext.ifCurrentHoldsGil(), "not after the outermost scope ends");
        CompletableFuture<Boolean> whileOtherHolds = new CompletableFuture<>();
        Thread taker = Thread.ofPlatform().start(() -> GilScope.call(ctx -> {
            whileOtherHolds.complete(ThreadContext.ifCurrentHoldsGil() == ctx);
            return null;
        }));
        taker.join();
        assertTrue(whileOtherHolds.get(), "a thread of its own finds itself while it holds the GIL");
        assertNull(ThreadContext.ifCurrentHoldsGil(), "and this thread still does not");
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
