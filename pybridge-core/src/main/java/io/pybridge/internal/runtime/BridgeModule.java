package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code _pybridge}, the module PyBridge defines inside the interpreter (source: {@code _pybridge.py}
 * next to this class): the {@code JavaException} type, the holder numpy keeps for Java memory, and the formatter of
 * tracebacks Java caught ({@code DetachedTracebacks}).
 * Created on first use and kept for the life of the interpreter. Two threads may create it at once
 * (running Python code can switch threads); the module publishes itself atomically, so both get the same.
 */
public final class BridgeModule {
    private static final String NAME = "_pybridge";
    private static final AtomicLong MODULE = new AtomicLong();
    private static final AtomicLong JAVA_EXCEPTION = new AtomicLong();
    private static final AtomicLong DETACHED_TRACEBACKS = new AtomicLong();

    private BridgeModule() {
    }

    /** The module, borrowed (the bridge keeps a reference). The caller holds the GIL. */
    public static long get(ThreadContext ctx) {
        long module = MODULE.get();
        return module != 0 ? module : create(ctx);
    }

    /** Whether the module exists yet; before it does, no Python object can carry a Java object. */
    public static boolean exists() {
        return MODULE.get() != 0;
    }

    /** {@code _pybridge.JavaException}, borrowed. */
    public static long javaExceptionType(ThreadContext ctx) {
        return attribute(ctx, JAVA_EXCEPTION, "JavaException");
    }

    /** {@code _pybridge.DetachedTracebacks}, borrowed. */
    static long detachedTracebacksType(ThreadContext ctx) {
        return attribute(ctx, DETACHED_TRACEBACKS, "DetachedTracebacks");
    }

    /** {@code _pybridge._released_memory}, where the holders of Java memory report their end; a new reference. */
    static long releasedMemory(ThreadContext ctx) {
        return RawCalls.attribute(ctx, get(ctx), "_released_memory");
    }

    private static long attribute(ThreadContext ctx, AtomicLong cache, String name) {
        long value = cache.get();
        if (value == 0) {
            long found = RawCalls.attribute(ctx, get(ctx), name);
            if (!cache.compareAndSet(0, found)) {
                CPython.Py_DecRef(found);
            }
            value = cache.get();
        }
        return value;
    }

    private static long create(ThreadContext ctx) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long globals = ResourceModules.run(ctx, BridgeModule.class, NAME);
        try {
            long module = CPython.PyDict_GetItemString(globals, scratch.cString("module"));
            if (module == 0) {
                throw new IllegalStateException("_pybridge.py did not define 'module'");
            }
            CPython.Py_IncRef(module);
            if (!MODULE.compareAndSet(0, module)) {
                CPython.Py_DecRef(module);
            }
            return MODULE.get();
        } finally {
            CPython.Py_DecRef(globals);
            scratch.release(mark);
        }
    }
}
