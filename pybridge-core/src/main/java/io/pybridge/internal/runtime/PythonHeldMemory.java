package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.ObjectTypes;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java memory that numpy arrays are made over ({@code NDArray.wrap}), kept reachable here until Python
 * has dropped the last array over it. The holder numpy keeps as the base of those arrays
 * ({@code _pybridge.JavaMemory}) reports its own end: its {@code __del__} appends its number to
 * {@code _pybridge._released_memory}, which the bridge drains whenever one of its GIL scopes starts or
 * ends. Memory is let go at the end of the scope in which Python dropped the last array, or, when a
 * thread Python started dropped it, at the next scope of any thread.
 *
 * <p>Why not a capsule destructor, as {@link JavaHandles} uses: a destructor that reaches Java is an
 * upcall, and the JDK's first upcall stub costs a cold JVM some 30 ms, which an application's first
 * {@code wrap} paid. Java callables and the Java exceptions they throw keep capsules: they are upcalls
 * already.
 */
public final class PythonHeldMemory {
    private static final ConcurrentHashMap<Long, Object> HELD = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    /** {@code _pybridge._released_memory}, a reference the bridge keeps; 0 before the first {@link #hold}. */
    private static volatile long released;

    private PythonHeldMemory() {
    }

    /**
     * Keeps {@code memory} reachable until Python reports the number this returns, which the caller hands
     * to {@code _pybridge.wrap_memory}. The caller holds the GIL.
     */
    public static long hold(ThreadContext ctx, Object memory) {
        if (released == 0) {
            released = BridgeModule.releasedMemory(ctx);
        }
        drain(); // what numpy dropped since this scope began: a loop of wraps in one scope accumulates nothing
        long id = NEXT_ID.getAndIncrement();
        HELD.put(id, memory);
        return id;
    }

    /** Lets go of the memory Python has reported since the last drain. The caller holds the main GIL. */
    static void drain() {
        long list = released;
        if (list == 0) {
            return;
        }
        long count = ObjectTypes.listSize(list);
        if (count <= 0) {
            return;
        }
        for (long i = 0; i < count; i++) {
            long number = CPython.PyLong_AsLongLong(CPython.PyList_GetItem(list, i));
            if (number == -1 && CPython.PyErr_Occurred() != 0) {
                CPython.PyErr_Clear(); // not put there by a holder: nothing to let go
            }
            HELD.remove(number);
        }
        // Dropping the ints runs no Python code, so no __del__ can append meanwhile.
        if (CPython.PyList_SetSlice(list, 0, count, 0) != 0) {
            CPython.PyErr_Clear();
        }
    }

    /** How many pieces of Java memory Python holds now; for tests and diagnostics. */
    public static int count() {
        return HELD.size();
    }
}
