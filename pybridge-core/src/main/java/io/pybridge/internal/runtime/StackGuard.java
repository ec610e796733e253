package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.ThreadStacks;

/**
 * The native stack rules: which threads may run Python, and when recursion through Java must stop.
 *
 * <p>CPython sizes its recursion limits for the 8 MiB stack a Linux main thread has (3.12 and 3.13
 * allow thousands of nested C calls), and numpy's BLAS kernels put large buffers on the stack; a Java
 * thread has 1 MiB unless told otherwise. Python overflowing a native stack kills the JVM, so Python runs
 * only on threads with at least {@link PythonThreads#PYTHON_STACK}; others hand their work to a bridge
 * thread (a carrier for a virtual thread, a companion for a platform one: see {@link CarrierThreads}).
 *
 * <p>Python calling Java calling Python again nests native, Java and Python frames on one stack, which
 * neither CPython's limits nor the JVM's stack banging account for: a few thousand levels exhaust any
 * stack, and an overflow inside the C frames, or at the entry of an upcall, ends the JVM. So every nested
 * call from Python into Java first checks that {@link #RESERVE} is left and otherwise raises
 * {@code RecursionError} in Python, which unwinds like standalone Python's own recursion limit. Where the
 * stack pointer cannot be read, nesting is bounded by counting instead ({@link #FALLBACK_FRAME} per level).
 */
final class StackGuard {
    /** Room a nested level may use: Python and Java frames, the JVM's guard and shadow zones (96 KiB). */
    static final long RESERVE = 1L << 20;
    /** What one level is assumed to take where the stack pointer is unknown; measured levels take about 4 KiB. */
    static final long FALLBACK_FRAME = 32L << 10;
    /** Nesting allowed on a thread whose stack bounds are unknown (one Python or C created, on an unusual platform). */
    static final int UNKNOWN_STACK_LEVELS = 64;

    private StackGuard() {
    }

    /** Whether the calling thread, whose stack is {@code stack}, may run Python itself. */
    static boolean fitsPython(ThreadStacks.Extent stack) {
        return PythonThreads.isBridgeThread() || stack != null && stack.size() >= PythonThreads.PYTHON_STACK;
    }

    /**
     * Whether one more nested call from Python into Java would leave too little stack. The first level is
     * not checked: the thread has the stack Python is built for, and the check costs a system call.
     */
    static boolean exhausted(ThreadContext ctx) {
        if (ctx.upcalls < 2) {
            return false;
        }
        if (ctx.stack == null) {
            return ctx.upcalls > UNKNOWN_STACK_LEVELS;
        }
        long left = remaining(ctx);
        return left < 0 ? ctx.upcalls > (ctx.stack.size() - RESERVE) / FALLBACK_FRAME : left < RESERVE;
    }

    /** The message of the RecursionError raised when {@link #exhausted} says so. */
    static String message(ThreadContext ctx) {
        long left = remaining(ctx);
        return "maximum recursion depth exceeded while calling a Java function (" + ctx.upcalls
                + " nested calls from Python into Java on thread " + ctx.thread.getName()
                + (left < 0 ? "" : ", " + (left >> 10) + " KiB of its " + (ctx.stack.size() >> 10) + " KiB stack left")
                + ")";
    }

    /** How much stack is left below the current frame; -1 when unknown. */
    static long remaining(ThreadContext ctx) {
        if (ctx.stack == null) {
            return -1;
        }
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long pointer = ThreadStacks.stackPointer(scratch);
            return pointer == 0 ? -1 : pointer - ctx.stack.low();
        } finally {
            scratch.release(mark);
        }
    }
}
