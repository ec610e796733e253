package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandles;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C signatures CPython calls back into Java with, and the stubs that carry those calls, valid for
 * the life of the JVM. Targets are static methods of the caller's class, found through its lookup; every
 * target catches everything it throws, since an exception leaving an upcall ends the JVM.
 */
public final class Upcalls {
    /** {@code void destructor(PyObject *capsule)}: a capsule's destructor. */
    private static final FunctionDescriptor CAPSULE_DESTRUCTOR = FunctionDescriptor.ofVoid(JAVA_LONG);
    /** {@code PyObject *f(PyObject *self, PyObject *const *args, Py_ssize_t nargs)}: a METH_FASTCALL function. */
    private static final FunctionDescriptor FASTCALL_FUNCTION = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    private Upcalls() {
    }

    /** A capsule destructor calling {@code owner.method(long capsule)}; its address. */
    public static long capsuleDestructor(MethodHandles.Lookup lookup, Class<?> owner, String method) {
        return LibPython.upcall(lookup, owner, method, CAPSULE_DESTRUCTOR).address();
    }

    /**
     * The C function of a {@code METH_FASTCALL} built-in calling
     * {@code owner.method(long self, long args, long nargs) -> long}; its address.
     */
    public static long fastcallFunction(MethodHandles.Lookup lookup, Class<?> owner, String method) {
        return LibPython.upcall(lookup, owner, method, FASTCALL_FUNCTION).address();
    }
}
