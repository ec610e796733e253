package io.pybridge.internal.runtime;

import io.pybridge.PyObject;

/**
 * How the internal layers create {@link PyObject}s and read their pointers without that being public
 * API. {@code PyObject} installs the one implementation when its class is initialized.
 */
public interface ObjectAccess {

    /** Wraps a new (owned) reference; the PyObject now owns it. */
    PyObject wrap(long newReference);

    /** The object's pointer; throws IllegalStateException when it is closed. The caller keeps it reachable. */
    long pointer(PyObject object);

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
