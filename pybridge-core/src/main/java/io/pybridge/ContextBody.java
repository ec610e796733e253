package io.pybridge;

/**
 * The Java body of a Python {@code with} block ({@link PyObject#withContext}): receives what
 * {@code __enter__} returned. It may throw a checked exception of type {@code X}, which
 * {@code withContext} passes to {@code __exit__} and then rethrows unless {@code __exit__} suppressed it.
 */
@FunctionalInterface
public interface ContextBody<T, X extends Exception> {
    T run(PyObject value) throws X;
}
