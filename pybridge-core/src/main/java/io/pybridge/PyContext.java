package io.pybridge;

import io.pybridge.internal.context.ContextManagers;
import io.pybridge.internal.convert.PyRef;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Python context manager entered from Java: the Java side of {@code with manager as value:}.
 * {@link PyObject#enter()} calls {@code __enter__}; {@link #close()} or {@link #exit(Throwable)} calls
 * {@code __exit__} once.
 *
 * <p>A {@code with} block hands {@code __exit__} the exception that ended it, and managers act on it
 * (a transaction rolls back instead of committing; a suppressing manager swallows it). Java's
 * try-with-resources cannot tell {@code close()} about an exception, so pass it yourself:
 * <pre>{@code
 * try (PyContext tx = connection.enter()) {
 *     try {
 *         work(tx.value());
 *     } catch (RuntimeException e) {
 *         if (!tx.exit(e)) throw e;      // __exit__(type, e, traceback); true: it suppressed e
 *     }
 * }                                      // close(): __exit__(None, None, None) unless exited already
 * }</pre>
 * or let {@link PyObject#withContext} do exactly that. Methods take the GIL when needed, and the GIL is
 * not held between them: the block's Java code runs without it.
 */
public final class PyContext implements AutoCloseable {
    private final PyObject value;
    private final AtomicReference<PyRef> exit;

    PyContext(PyObject value, PyRef exit) {
        this.value = value;
        this.exit = new AtomicReference<>(exit);
    }

    /** What {@code __enter__} returned ({@code as value}); closed when the context exits. */
    public PyObject value() {
        return value;
    }

    /** Whether {@code __exit__} has been called. */
    public boolean isExited() {
        return exit.get() == null;
    }

    /**
     * Calls {@code __exit__} with {@code failure}, the exception that ended the block, as a Python exception:
     * a {@link PythonException} as the Python exception it came from, any other throwable as
     * {@code _pybridge.JavaException} carrying it. Returns whether {@code __exit__} suppressed it (returned a
     * true value); when it did not, rethrow {@code failure}.
     *
     * @throws PythonException       what {@code __exit__} raised instead; its cause chain leads to {@code failure}
     * @throws IllegalStateException when the context has exited already, or Python was closed
     */
    public boolean exit(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        PyRef bound = take();
        if (bound == null) {
            throw new IllegalStateException("this context has exited already");
        }
        try {
            return ContextManagers.exitWith(bound, failure);
        } finally {
            release(bound);
        }
    }

    /**
     * Calls {@code __exit__(None, None, None)} unless the context has exited already (then nothing
     * happens): the end of a block that completed.
     *
     * @throws PythonException       what {@code __exit__} raised
     * @throws IllegalStateException when Python was closed before the context exited ({@code __exit__}
     *                               could not run)
     */
    @Override
    public void close() {
        PyRef bound = take();
        if (bound == null) {
            return;
        }
        try {
            ContextManagers.exitNormally(bound);
        } finally {
            release(bound);
        }
    }

    private PyRef take() {
        return exit.getAndSet(null);
    }

    private void release(PyRef bound) {
        bound.close();
        value.close();
    }

    @Override
    public String toString() {
        return isExited() ? "PyContext (exited)" : "PyContext";
    }
}
