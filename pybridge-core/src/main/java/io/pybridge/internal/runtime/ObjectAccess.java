package io.pybridge.internal.runtime;

import io.pybridge.PyObject;

/**
 * How the internal layers create {@link PyObject}s and read their pointers without that being public
 * API. {@code PyObject} installs the one implementation when its class is initialized.
 */
public interface ObjectAccess {

    /** Wraps a new (owned) reference; the PyObject now owns it. */
    PyObject wrap(long newReference);

    /**
     * The object's pointer; throws IllegalStateException when it is closed. Only for a caller that holds
     * the GIL and takes its own reference before any Python code runs; others use {@link #beginUse}.
     */
    long pointer(PyObject object);

    /**
     * The object's pointer, kept valid until {@link #endUse} even if another thread closes the object
     * while Python code runs meanwhile; throws IllegalStateException when it is closed. Pair in a finally.
     */
    long beginUse(PyObject object);

    void endUse(PyObject object);

    /** Called when the object outlives the GIL scope that created it without being closed. */
    void escape(PyObject object);

    static ObjectAccess get() {
        return Holder.instance;
    }

    static void install(ObjectAccess access) {
        Holder.instance = access;
    }

    final class Holder {
        private static ObjectAccess instance;

        static {
            try {
                Class.forName(PyObject.class.getName(), true, PyObject.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Holder() {
        }
    }
}
