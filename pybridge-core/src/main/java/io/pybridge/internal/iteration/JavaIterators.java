package io.pybridge.internal.iteration;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.convert.HelperModule;
import io.pybridge.internal.runtime.ThreadContext;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.stream.BaseStream;

/**
 * Java iterators, streams and iterables passed to Python, as lazy Python iterators
 * ({@code _pybridge_iterators.py}): each {@code __next__} takes one element from Java, converted as any
 * Java value passed to Python. The Java code runs on the Python thread that iterates, holding the GIL,
 * as any Java callable does.
 */
public final class JavaIterators {
    private static final HelperModule MODULE = new HelperModule("_pybridge_iterators", JavaIterators.class);

    private JavaIterators() {
    }

    /** Whether {@link #toPython} converts {@code value}: a Collection is a list, not one of these. */
    public static boolean handles(Object value) {
        return value instanceof Iterator<?> || value instanceof BaseStream<?, ?>
                || value instanceof Iterable<?> && !(value instanceof Collection<?>);
    }

    /** A new reference to the Python iterator (or iterable) over {@code value}. The caller holds the GIL. */
    public static long toPython(ThreadContext ctx, Object value) {
        PyRef created;
        if (value instanceof Iterator<?> iterator) {
            created = newIterator(iterator, null);
        } else if (value instanceof BaseStream<?, ?> stream) {
            created = newIterator(stream.iterator(), stream::close);
        } else {
            Iterable<?> iterable = (Iterable<?>) value;
            Supplier<Object> open = () -> Arrays.asList(nextElement(iterable.iterator()), null);
            try (PyRef type = MODULE.attribute("JavaIterable")) {
                created = type.call(open);
            }
        }
        try {
            long pointer = created.pointer();
            CPython.Py_IncRef(pointer);
            return pointer;
        } finally {
            created.close();
        }
    }

    private static PyRef newIterator(Iterator<?> iterator, Runnable close) {
        try (PyRef type = MODULE.attribute("JavaIterator")) {
            return type.call(nextElement(iterator), close);
        }
    }

    /** The Java side of {@code __next__}: the next element, or {@code END} when there is none. */
    private static Supplier<Object> nextElement(Iterator<?> iterator) {
        PyRef end = MODULE.attribute("END");
        return () -> iterator.hasNext() ? iterator.next() : end;
    }
}
