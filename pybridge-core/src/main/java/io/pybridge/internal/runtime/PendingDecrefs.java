package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyBufferStruct;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * References dropped where the GIL was not held: a {@code PyRef.close()} on a thread without it, or
 * an object the garbage collector reclaimed unclosed. They are released by the next thread that takes
 * the GIL through the bridge (PyO3's reference pool works the same way). Buffer exports an NDArray
 * ended there wait in the same queue, told apart by a low bit no object's address has.
 */
final class PendingDecrefs {
    private static final int INITIAL_CAPACITY = 64;
    private static final int LARGEST_KEPT = 4096;

    private final ReentrantLock lock = new ReentrantLock();
    private long[] pointers = new long[INITIAL_CAPACITY];
    private int size;
    private volatile boolean nonEmpty;
    /**
     * The array the last drain emptied, for the next drain to put in place: a thread that closes each
     * result without the GIL and then calls again drains one entry per call, and allocated an array each
     * time.
     */
    private final AtomicReference<long[]> spare = new AtomicReference<>(new long[INITIAL_CAPACITY]);

    /** Marks an entry that is a buffer export to end, not a reference: both are at least 8-byte aligned. */
    private static final long BUFFER_EXPORT = 1;

    /** The entry for a buffer export of {@link PyBufferStruct#exportOwned}; a reference is its own entry. */
    static long bufferExport(long ownedView) {
        return ownedView | BUFFER_EXPORT;
    }

    /** Drops the reference, or ends the buffer export, an entry stands for. The caller holds the GIL. */
    static void end(long entry) {
        if ((entry & BUFFER_EXPORT) != 0) {
            PyBufferStruct.releaseOwned(entry & ~BUFFER_EXPORT);
        } else {
            CPython.Py_DecRef(entry);
        }
    }

    void add(long entry) {
        lock.lock();
        try {
            if (size == pointers.length) {
                pointers = Arrays.copyOf(pointers, size * 2);
            }
            pointers[size++] = entry;
            nonEmpty = true;
        } finally {
            lock.unlock();
        }
    }

    void addAll(long[] more, int count) {
        lock.lock();
        try {
            if (size + count > pointers.length) {
                pointers = Arrays.copyOf(pointers, Math.max(size + count, size * 2));
            }
            System.arraycopy(more, 0, pointers, size, count);
            size += count;
            nonEmpty = size > 0;
        } finally {
            lock.unlock();
        }
    }

    boolean nonEmpty() {
        return nonEmpty;
    }

    /** Releases every pending reference. The caller holds the GIL. */
    void drain() {
        long[] batch;
        int count;
        lock.lock();
        try {
            batch = pointers;
            count = size;
            long[] emptied = spare.getAndSet(null);
            pointers = emptied != null ? emptied : new long[Math.max(INITIAL_CAPACITY, Math.min(count, LARGEST_KEPT))];
            size = 0;
            nonEmpty = false;
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < count; i++) {
            end(batch[i]);
        }
        if (batch.length <= LARGEST_KEPT) {
            spare.set(batch);
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }
}
