package io.pybridge.internal.runtime;

/**
 * An object owning a Python reference that a thread's GIL scope made: when the scope ends with it still
 * open, it arms its garbage-collector safety net ({@link ThreadContext#track}).
 */
public interface TrackedObject {
    /** The object outlives the GIL scope that made it without being closed; {@code ctx} is that scope's thread's. */
    void escape(ThreadContext ctx);
}
