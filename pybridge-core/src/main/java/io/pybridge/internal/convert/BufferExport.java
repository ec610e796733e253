package io.pybridge.internal.convert;

import io.pybridge.internal.capi.PyBufferStruct;
import io.pybridge.internal.runtime.Cleanups;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.internal.runtime.TrackedObject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;

/**
 * A Python object's buffer exported into a {@code Py_buffer} the bridge owns
 * ({@link PyBufferStruct#exportOwned}), held until {@link #close()}: the exporter keeps the data where it
 * is meanwhile. No {@code memoryview} stands between (that costs two Python objects and a second export
 * per NDArray). Like a {@link PyRef}, it arms the garbage-collector safety net only when it outlives the
 * GIL scope that made it, and a close without the GIL ends the export at the next acquisition.
 */
final class BufferExport implements TrackedObject {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(BufferExport.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long view;
    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile boolean closed;
    private Cleaner.Cleanable cleanable;
    private volatile DeferredRelease drop;

    private BufferExport(ThreadContext ctx, long view) {
        this.view = view;
        ctx.track(this);
    }

    /**
     * Exports the buffer of {@code object} with {@code flags}; null, with Python's error set, when the
     * object refuses. The caller holds the GIL.
     */
    static BufferExport of(ThreadContext ctx, long object, int flags) {
        long view = PyBufferStruct.exportOwned(object, flags);
        return view == 0 ? null : new BufferExport(ctx, view);
    }

    /** The {@code Py_buffer}'s address; valid until {@link #close()}. */
    long view() {
        return view;
    }

    @Override
    public void escape(ThreadContext ctx) {
        if (closed || drop != null) {
            return;
        }
        DeferredRelease d = DeferredRelease.ofBufferExport(view);
        cleanable = Cleanups.register(this, d);
        drop = d;
        if (closed) {
            d.cancel();
        }
    }

    /** Ends the export; idempotent. */
    void close() {
        if ((boolean) CLOSED.getAndSet(this, true)) {
            return;
        }
        DeferredRelease d = drop;
        if (d != null) {
            d.cancel();
            cleanable.clean();
        }
        Interpreter.releaseBuffer(view);
    }
}
