package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.Upcalls;
import io.pybridge.internal.capi.PermanentMemory;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java objects held by Python: each sits in a capsule that stores only a number, and stays strongly
 * reachable here until Python frees the capsule, whose destructor (an upcall) then drops it. That is
 * how a Java callable or a Java exception in flight through Python live exactly as long as Python needs
 * them. (The Java memory under numpy arrays is held by {@link PythonHeldMemory}, without an upcall.)
 */
public final class JavaHandles {
    private static final ConcurrentHashMap<Long, Object> HELD = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final long NAME = PermanentMemory.cString("pybridge.java_object");

    private JavaHandles() {
    }

    /** A new capsule (a new reference) holding {@code value} until Python frees it. The caller holds the GIL. */
    public static long capsule(ThreadContext ctx, Object value) {
        long id = NEXT_ID.getAndIncrement();
        HELD.put(id, value);
        long capsule = CPython.PyCapsule_New(id, NAME, Destructor.ADDRESS);
        if (capsule == 0) {
            HELD.remove(id);
            throw PythonErrors.fetch(ctx);
        }
        return capsule;
    }

    /** The Java object in {@code object} if it is one of these capsules, else null. Sets no Python error. */
    public static Object get(long object) {
        if (CPython.PyCapsule_IsValid(object, NAME) == 0) {
            return null;
        }
        return HELD.get(CPython.PyCapsule_GetPointer(object, NAME));
    }

    /** How many Java objects Python holds now; for tests and diagnostics. */
    public static int count() {
        return HELD.size();
    }

    /**
     * The destructor's upcall stub, made when the first capsule is: the JDK's first upcall stub costs a
     * cold JVM some 30 ms, which {@link #carriedBy} (asked of every exception Python raises) must not pay.
     */
    private static final class Destructor {
        static final long ADDRESS = Upcalls.capsuleDestructor(MethodHandles.lookup(), JavaHandles.class, "onCapsuleFreed");
    }

    /** The capsule destructor. It runs inside CPython, so nothing may escape from it. */
    @SuppressWarnings("unused") // an upcall target
    private static void onCapsuleFreed(long capsule) {
        try {
            HELD.remove(CPython.PyCapsule_GetPointer(capsule, NAME));
        } catch (Throwable ignored) {
            // Nothing can be reported from a destructor; the entry stays, which only keeps an object alive.
        }
    }

    /**
     * The Java throwable a Python exception carries, or null. The caller holds the GIL and has taken
     * the exception off the error indicator; this leaves the indicator clear.
     */
    public static Throwable carriedBy(ThreadContext ctx, long exception) {
        if (!BridgeModule.exists()) {
            return null;
        }
        int isJavaException = CPython.PyObject_IsInstance(exception, BridgeModule.javaExceptionType(ctx));
        if (isJavaException != 1) {
            if (isJavaException < 0) {
                CPython.PyErr_Clear();
            }
            return null;
        }
        long capsule = CPython.PyObject_GetAttr(exception, PythonNames.of(ctx, "_java_throwable"));
        if (capsule == 0) {
            CPython.PyErr_Clear();
            return null;
        }
        try {
            return JavaHandles.get(capsule) instanceof Throwable throwable ? throwable : null;
        } finally {
            CPython.Py_DecRef(capsule);
        }
    }
}
