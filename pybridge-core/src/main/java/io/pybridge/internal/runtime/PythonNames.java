package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.ObjectTypes;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Interned Python strings for attribute and method names, created once and kept for the life of the
 * interpreter, so that {@code getAttr("shape")} does not build a new str each time. The cache is
 * bounded; names beyond it are interned as usual by Python and still work, they are just looked up
 * again.
 */
public final class PythonNames {
    private static final int LIMIT = 4096;
    private static final ConcurrentHashMap<String, Long> INTERNED = new ConcurrentHashMap<>();
    private static final int STATIC_TYPE_LIMIT = 1024;
    private static final ConcurrentHashMap<Long, String> STATIC_TYPE_NAMES = new ConcurrentHashMap<>();

    private PythonNames() {
    }

    /** {@link #of(ThreadContext, String, String)} for the bridge's own names. */
    public static long of(ThreadContext ctx, String name) {
        return of(ctx, name, "name");
    }

    /**
     * A borrowed pointer to the interned str {@code name}, valid while the interpreter runs. The
     * caller holds the GIL. A name is checked only when it is first made (a cached name was checked).
     *
     * @param what names the argument if it is refused ("attribute name", "method name")
     * @throws IllegalArgumentException when {@code name} holds a NUL character or an unpaired surrogate
     */
    public static long of(ThreadContext ctx, String name, String what) {
        Long cached = INTERNED.get(name);
        if (cached != null) {
            return cached;
        }
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long interned = CPython.PyUnicode_InternFromString(scratch.cString(name, what));
            if (interned == 0) {
                throw PythonErrors.fetch(ctx);
            }
            if (INTERNED.size() < LIMIT) {
                Long raced = INTERNED.putIfAbsent(name, interned);
                if (raced != null) {
                    CPython.Py_DecRef(interned);
                    return raced;
                }
            } else {
                // Interned strings stay alive in Python's interned table after this reference is dropped.
                CPython.Py_DecRef(interned);
            }
            return interned;
        } finally {
            scratch.release(mark);
        }
    }

    /** {@code type(obj)} as {@code "int"} for built-ins and {@code "module.QualName"} otherwise. */
    public static String typeNameOf(ThreadContext ctx, long object) {
        long type = CPython.PyObject_Type(object);
        try {
            return qualifiedName(ctx, type);
        } finally {
            CPython.Py_DecRef(type);
        }
    }

    /**
     * The name of a type object, as {@link #typeNameOf} gives it. The names of static types (built-in
     * exceptions and types, C extensions' static types) are read once: such a type lives at one address,
     * unchanged, for the life of the process, and its names cannot be assigned.
     */
    public static String qualifiedName(ThreadContext ctx, long type) {
        if ((ObjectTypes.flags(type) & PyConstants.TPFLAGS_HEAPTYPE) != 0) {
            return readQualifiedName(ctx, type);
        }
        String cached = STATIC_TYPE_NAMES.get(type);
        if (cached == null) {
            cached = readQualifiedName(ctx, type);
            if (STATIC_TYPE_NAMES.size() < STATIC_TYPE_LIMIT) {
                STATIC_TYPE_NAMES.putIfAbsent(type, cached);
            }
        }
        return cached;
    }

    private static String readQualifiedName(ThreadContext ctx, long type) {
        String qualname = stringAttribute(ctx, type, "__qualname__");
        String module = stringAttribute(ctx, type, "__module__");
        if (qualname == null) {
            qualname = "?";
        }
        return module == null || module.equals("builtins") ? qualname : module + "." + qualname;
    }

    /** A str attribute as a Java string, or null when it is missing or not a str (errors cleared). */
    static String stringAttribute(ThreadContext ctx, long object, String name) {
        long value = CPython.PyObject_GetAttr(object, of(ctx, name));
        if (value == 0) {
            CPython.PyErr_Clear();
            return null;
        }
        try {
            return ObjectTypes.isStr(value) ? PythonText.read(ctx, value) : null;
        } finally {
            CPython.Py_DecRef(value);
        }
    }
}
