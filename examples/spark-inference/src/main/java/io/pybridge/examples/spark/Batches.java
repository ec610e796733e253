package io.pybridge.examples.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** An iterator that takes its input {@code size} elements at a time and hands out what each batch maps to. */
final class Batches<I, O> implements Iterator<O> {
    private final Iterator<I> input;
    private final int size;
    private final Function<List<I>, List<O>> work;
    private Iterator<O> current = java.util.Collections.emptyIterator();

    Batches(Iterator<I> input, int size, Function<List<I>, List<O>> work) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        this.input = input;
        this.size = size;
        this.work = work;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<I> batch = new ArrayList<>(size);
            while (batch.size() < size && input.hasNext()) {
                batch.add(input.next());
            }
            current = work.apply(batch).iterator();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
