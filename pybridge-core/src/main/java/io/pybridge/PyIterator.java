package io.pybridge;

import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.iteration.PythonIteration;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Python iterator read from Java: {@code for (String line : lines)} over a generator, lazily.
 * Made by {@link PyObject#iterate(Class)} (or {@code as(new TypeRef<Iterator<T>>() {})}); each item is
 * converted to {@code T} as {@link PyObject#as(Class)} converts.
 *
 * <p><b>Lazy.</b> The Python iterator advances only when Java asks: {@link #hasNext()} takes the next
 * item (running the generator up to its next {@code yield}), {@link #next()} hands it over. The GIL is
 * taken for that step alone, so Python code on other threads runs between items, and the iterator may
 * be read on any thread (one at a time: like any Java iterator it is not safe for concurrent use).
 * {@link PyObject#iterate(Class, int)} advances several items per GIL acquisition instead, which is
 * faster per item but runs the Python iterator ahead of the reader.
 *
 * <p><b>Errors.</b> An exception Python raises while advancing is thrown by {@code hasNext()} as a
 * {@link PythonException}, after the items before it were handed over; an item that does not convert
 * throws a {@link PythonConversionException} naming its index. Reading may go on afterwards (a generator
 * that raised is finished, so {@code hasNext()} is then false).
 *
 * <p><b>Closing.</b> An iterator read to its end lets its Python iterator go by itself. {@link #close()}
 * ends it early: a generator's {@code close()} runs (its {@code finally} and {@code with} blocks), and the
 * reference is dropped. Use try-with-resources when a loop may stop early; an iterator neither finished
 * nor closed is dropped when the garbage collector reclaims it, without {@code close()}. Reading after
 * {@code close()} or after {@link Python#close()} throws {@link IllegalStateException}.
 */
public final class PyIterator<T> implements Iterator<T>, AutoCloseable {
    private final Type elementType;
    private final int batch;
    /** The Python iterator; null once it ended or this was closed. */
    private PyRef iterator;
    private final List<Object> ready = new ArrayList<>();
    private int readIndex;
    /** What Python raised after the items in {@link #ready}: thrown once they are taken. */
    private RuntimeException failure;
    private long taken;
    private boolean closed;

    PyIterator(PyRef iterator, Type elementType, int batch) {
        this.iterator = iterator;
        this.elementType = elementType;
        this.batch = batch;
    }

    /**
     * Whether there is another item, advancing the Python iterator by one step if none is waiting.
     *
     * @throws PythonException       what the Python iterator raised while advancing
     * @throws IllegalStateException after {@link #close()} or {@link Python#close()}
     */
    @Override
    public boolean hasNext() {
        if (closed) {
            throw new IllegalStateException("this PyIterator was closed");
        }
        if (readIndex < ready.size()) {
            return true;
        }
        if (failure == null && iterator != null) {
            advance();
        }
        if (readIndex < ready.size()) {
            return true;
        }
        RuntimeException raised = failure;
        if (raised != null) {
            failure = null;
            throw raised;
        }
        return false;
    }

    /**
     * The next item.
     *
     * @throws NoSuchElementException when the Python iterator is exhausted
     */
    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the Python iterator is exhausted");
        }
        Object item = ready.get(readIndex);
        ready.set(readIndex++, null);
        taken++;
        return (T) item;
    }

    private void advance() {
        PyRef current = iterator;
        if (current == null) {
            return;
        }
        ready.clear();
        readIndex = 0;
        PythonIteration.Step step = PythonIteration.step(current, elementType, batch, ready, taken);
        failure = step.failure();
        if (step.exhausted()) {
            iterator = null;
            current.close();
        }
    }

    /**
     * The remaining items as a sequential, ordered {@link Stream}; closing the stream closes this
     * iterator. Use it in try-with-resources when it may not be read to the end.
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends the iteration: calls the Python iterator's {@code close()} when it has one and was not read to
     * its end (a generator's {@code finally} blocks run), then drops it. Idempotent; after
     * {@link Python#close()} it only lets the Java side go.
     *
     * @throws PythonException what the generator raised while closing
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        failure = null;
        PyRef open = iterator;
        iterator = null;
        if (open != null) {
            PythonIteration.close(open);
        }
    }

    @Override
    public String toString() {
        return "PyIterator<" + elementType.getTypeName() + ">" + (closed ? " (closed)" : iterator == null ? " (finished)" : "");
    }
}
