package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The type of an object as a borrowed pointer, the way C code reads {@code Py_TYPE(o)}, but through
 * exported functions only: {@code PyObject_Type} returns a new reference, which is dropped again at
 * once. The object holds a reference to its type, so that drop never frees anything and never runs
 * Python code, and it may be a critical downcall: about the cost of the lookup itself, where a plain
 * {@code Py_DecRef} costs a thread-state transition. Conversions ask for types of every value they
 * meet, which makes this worth its own handle.
 */
public final class ObjectTypes {
    private static final MethodHandle DROP_TYPE_REFERENCE = LibPython.downcall("Py_DecRef",
            FunctionDescriptor.ofVoid(JAVA_LONG), true, true);

    private ObjectTypes() {
    }

    /** {@code type(object)}, borrowed: valid as long as {@code object} is. */
    public static long of(long object) {
        long type = CPython.PyObject_Type(object);
        try {
            DROP_TYPE_REFERENCE.invokeExact(type);
        } catch (Throwable t) {
            throw LibPython.rethrow("Py_DecRef", t);
        }
        return type;
    }
}
