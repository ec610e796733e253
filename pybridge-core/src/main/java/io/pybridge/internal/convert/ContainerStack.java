package io.pybridge.internal.convert;

import java.util.Arrays;

/**
 * The Python containers being converted right now, outermost first: a container that appears inside
 * itself is a cycle, which is refused instead of recursing until the stack overflows.
 */
final class ContainerStack {
    private long[] pointers;
    private int size;

    void push(long container) {
        if (size >= JavaToPython.MAX_DEPTH) {
            throw new ConversionFailure("nested deeper than " + JavaToPython.MAX_DEPTH + " levels");
        }
        for (int i = 0; i < size; i++) {
            if (pointers[i] == container) {
                throw new ConversionFailure("the value contains itself; a cycle cannot be converted to Java");
            }
        }
        if (pointers == null) {
            pointers = new long[16];
        } else if (size == pointers.length) {
            pointers = Arrays.copyOf(pointers, size * 2);
        }
        pointers[size++] = container;
    }

    void pop() {
        size--;
    }
}
