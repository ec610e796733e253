package io.pybridge.internal.idioms.iteration;

import io.pybridge.PyIterator;
import io.pybridge.PyObject;

import java.lang.reflect.Type;

/**
 * How the internal layers make a {@link PyIterator} without its constructor being public API
 * ({@code PyIterator} installs the one implementation when its class is initialized).
 */
public interface IteratorAccess {

    /** A PyIterator over {@code iterator} (the result of {@code iter()}, which it now owns). */
    PyIterator<Object> create(PyObject iterator, Type elementType, int batch);

    static IteratorAccess get() {
        return Holder.instance;
    }

    static void install(IteratorAccess access) {
        Holder.instance = access;
    }

    final class Holder {
        private static IteratorAccess instance;

        static {
            try {
                Class.forName(PyIterator.class.getName(), true, PyIterator.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Holder() {
        }
    }
}
