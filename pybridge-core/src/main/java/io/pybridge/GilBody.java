package io.pybridge;

/**
 * Work done while holding the GIL: the body of {@link Python#withGil}. It receives the {@link Py}
 * token that proves the GIL is held; the token is valid only inside the body, on the body's thread.
 */
@FunctionalInterface
public interface GilBody<T> {
    T run(Py py);
}
