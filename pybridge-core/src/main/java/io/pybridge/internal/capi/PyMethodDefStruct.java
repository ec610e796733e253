package io.pybridge.internal.capi;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.Arena;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * CPython's {@code PyMethodDef} (name, C function, flags, docstring), part of the stable ABI. A
 * built-in function keeps a pointer to its definition, so definitions made here are never freed.
 */
public final class PyMethodDefStruct {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("ml_name"),
            JAVA_LONG.withName("ml_meth"),
            JAVA_INT.withName("ml_flags"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("ml_doc")).withName("PyMethodDef");

    /** {@code PyRef *f(PyRef *self, PyRef *const *args, Py_ssize_t nargs)}. */
    public static final int METH_FASTCALL = 0x0080;

    private PyMethodDefStruct() {
    }

    /** A permanent {@code PyMethodDef}; returns its address. */
    public static long define(String name, long function, int flags, String doc) {
        MemorySegment def = Arena.global().allocate(LAYOUT);
        def.set(JAVA_LONG, offset("ml_name"), PermanentMemory.cString(name));
        def.set(JAVA_LONG, offset("ml_meth"), function);
        def.set(JAVA_INT, offset("ml_flags"), flags);
        def.set(JAVA_LONG, offset("ml_doc"), PermanentMemory.cString(doc));
        return def.address();
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(PathElement.groupElement(field));
    }
}
