package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Reference drops that cannot run Python code, as critical downcalls: about the cost of the
 * decrement itself, where a plain {@code Py_DecRef} costs a thread-state transition.
 *
 * <p>Two kinds qualify: the new reference {@code PyObject_Type} returns (the object holds its type, so
 * the drop never frees anything), and a scalar the bridge itself just created from a Java value (an
 * int, float, str, bytes, bool or None, whose deallocation runs no Python code and never calls back
 * into Java). Conversions and calls meet both on every value, which makes this worth its own handle.
 */
public final class ObjectTypes {
    private static final MethodHandle LEAF_DECREF = LibPython.downcall("Py_DecRef",
            FunctionDescriptor.ofVoid(JAVA_LONG), true, true);

    private ObjectTypes() {
    }

    /** {@code type(object)}, borrowed: valid as long as {@code object} is. */
    public static long of(long object) {
        long type = CPython.PyObject_Type(object);
        dropLeaf(type);
        return type;
    }

    /** Whether {@code object} is a str (or a subclass of it). */
    public static boolean isStr(long object) {
        return (CPython.PyType_GetFlags(of(object)) & PyConstants.TPFLAGS_UNICODE_SUBCLASS) != 0;
    }

    /** Whether {@code object} is an int (or a subclass of it, bool included). */
    public static boolean isInt(long object) {
        return (CPython.PyType_GetFlags(of(object)) & PyConstants.TPFLAGS_LONG_SUBCLASS) != 0;
    }

    /** Drops a reference whose release cannot run Python code (see the class comment). */
    public static void dropLeaf(long object) {
        try {
            LEAF_DECREF.invokeExact(object);
        } catch (Throwable t) {
            throw LibPython.rethrow("Py_DecRef", t);
        }
    }
}
