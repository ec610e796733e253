package io.pybridge.internal.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads the bridge starts to run Python: interpreter main thread, carriers, the submit
 * pool, the reaper, the stopper, sub-interpreter workers. All are daemon threads with
 * {@link #BRIDGE_STACK}, since the JVM's default (1 MiB) is far less than CPython and BLAS libraries
 * are built for (see {@link StackGuard}).
 */
public final class PythonThreads {
    /** What CPython is built and tested for: the 8 MiB stack of a Linux main thread ({@code ulimit -s}). */
    public static final long PYTHON_STACK = 8L << 20;
    /** The bridge's own threads: Python's 8 MiB plus as much again for Java frames and recursion through Java. */
    public static final long BRIDGE_STACK = 16L << 20;

    private static final ThreadLocal<Boolean> BRIDGE_THREAD = new ThreadLocal<>();

    private PythonThreads() {
    }

    /** One named daemon thread with the bridge's stack, not started. */
    public static Thread unstarted(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon(true).stackSize(BRIDGE_STACK).unstarted(() -> {
            BRIDGE_THREAD.set(Boolean.TRUE);
            task.run();
        });
    }

    /**
     * Whether the calling thread is one of these: it runs Python itself even where its stack size
     * cannot be read back, so that work handed to it is never handed on again.
     */
    static boolean isBridgeThread() {
        return BRIDGE_THREAD.get() != null;
    }

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... with the bridge's stack. */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> unstarted(prefix + "-" + count.incrementAndGet(), task);
    }

    /** A factory of one daemon thread called {@code name} (for single-thread executors). */
    public static ThreadFactory single(String name) {
        return task -> unstarted(name, task);
    }
}
