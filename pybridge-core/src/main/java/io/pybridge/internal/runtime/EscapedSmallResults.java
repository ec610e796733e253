package io.pybridge.internal.runtime;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The references of small immutable results ({@code None}, an {@code int}, {@code float}, {@code bool}, a
 * short {@code str} or {@code bytes}, a short tuple of those: {@code ObjectTypes.isSmallImmutable}) that one
 * thread's GIL scopes left unclosed, up to {@link #SIZE} sharing one garbage-collector clean-up, which drops those
 * not closed meanwhile once none of their holders is reachable.
 *
 * <p>Why: a loop such as {@code f.call(k, 1).as(Long.class)}, or {@code f.call(x)} whose {@code None} is
 * ignored, leaves every result to the collector, and one clean-up each (a reference object the collector
 * finds, the clean-up thread runs, each copied while it waits) cost far more than the calls: 200–500 ns a
 * call instead of 84 ns, 1.3 GB live after six seconds and 100–315 ms pauses. The price, one result kept
 * long keeping the others of its batch, is bounded by what qualifies: about a kilobyte each at most (a
 * tuple nine), which is why larger objects, and mutable ones, keep a clean-up of their own.
 */
public final class EscapedSmallResults {
    /** How many results one batch takes; the thread starts another when it is full. */
    static final int SIZE = 64;

    private final Drop drop = new Drop();
    private int size;

    EscapedSmallResults() {
        Cleanups.register(this, drop);
    }

    boolean isFull() {
        return size == SIZE;
    }

    /** Adds an owned reference; returns its slot, for {@link #cancel}. Called by the batch's thread. */
    public int add(long pointer) {
        int slot = size++;
        drop.references.set(slot, pointer);
        return slot;
    }

    /** The holder of {@code slot} dropped its reference itself: the batch must not drop it again. */
    public void cancel(int slot) {
        drop.references.set(slot, 0);
    }

    /** The clean-up: drops every reference not cancelled, at the next GIL acquisition. */
    private static final class Drop implements Runnable {
        final AtomicLongArray references = new AtomicLongArray(SIZE);

        @Override
        public void run() {
            long[] left = new long[SIZE];
            int count = 0;
            for (int i = 0; i < SIZE; i++) {
                long pointer = references.getAndSet(i, 0);
                if (pointer != 0) {
                    left[count++] = pointer;
                }
            }
            Interpreter.releaseLater(left, count);
        }
    }
}
