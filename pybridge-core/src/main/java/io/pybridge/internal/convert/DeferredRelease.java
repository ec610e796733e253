package io.pybridge.internal.convert;

import io.pybridge.internal.runtime.Interpreter;

/**
 * What the garbage-collector safety net runs for a Python reference or a buffer export whose Java
 * holder was reclaimed without {@code close()}: it hands it to the interpreter to end at the next GIL
 * acquisition. {@link #cancel()} disarms it when the holder is closed after all.
 */
final class DeferredRelease implements Runnable {
    private final boolean bufferExport;
    private volatile long pointer;

    private DeferredRelease(long pointer, boolean bufferExport) {
        this.pointer = pointer;
        this.bufferExport = bufferExport;
    }

    /** For a strong reference to a Python object. */
    static DeferredRelease ofReference(long pointer) {
        return new DeferredRelease(pointer, false);
    }

    /** For a buffer export of {@code PyBufferStruct.exportOwned}. */
    static DeferredRelease ofBufferExport(long ownedView) {
        return new DeferredRelease(ownedView, true);
    }

    void cancel() {
        pointer = 0;
    }

    @Override
    public void run() {
        long p = pointer;
        pointer = 0;
        if (p == 0) {
            return;
        }
        if (bufferExport) {
            Interpreter.releaseBuffer(p);
        } else {
            Interpreter.release(p);
        }
    }
}
