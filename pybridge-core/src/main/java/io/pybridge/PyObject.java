package io.pybridge;

import io.pybridge.convert.TypeRef;
import io.pybridge.internal.context.ContextManagers;
import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.iteration.PythonIteration;

import java.util.Map;
import java.util.Objects;

/**
 * An owned, strong reference to a Python object.
 *
 * <p>Every method may be called from any thread: it takes the GIL itself when the calling thread does
 * not hold it (see {@link Python#withGil} for what that costs and how to batch work). {@link #close()}
 * drops the reference at once when the thread holds the GIL, otherwise at the bridge's next GIL
 * acquisition; an object that is never closed is dropped the same way after the garbage collector
 * reclaims it. Use after close, or after {@link Python#close()}, throws {@link IllegalStateException}.
 *
 * <p>Attribute, method and keyword argument names reach Python through C strings: a name holding a NUL
 * character or an unpaired surrogate throws {@link IllegalArgumentException} naming the argument and
 * the index, instead of being cut short or changed.
 *
 * <p>{@code equals} and {@code hashCode} are identity of the Python object (two PyObjects for the same
 * object are equal), so they never run Python code; use {@code callMethod("__eq__", other)} for
 * Python equality.
 */
public final class PyObject implements AutoCloseable {
    private final PyRef ref;

    private PyObject(PyRef ref) {
        this.ref = ref;
    }

    /** The public face of {@code ref}. */
    static PyObject of(PyRef ref) {
        return new PyObject(ref);
    }

    /** What this object is inside, for the bridge's own classes. */
    PyRef ref() {
        return ref;
    }

    /** The attribute {@code name}, like {@code getattr(obj, name)}. */
    public PyObject getAttr(String name) {
        return of(ref.getAttr(name));
    }

    /** Whether the attribute exists, like {@code hasattr}; other errors from {@code __getattr__} are thrown. */
    public boolean hasAttr(String name) {
        return ref.hasAttr(name);
    }

    /** Sets the attribute {@code name} to {@code value} converted to Python. */
    public void setAttr(String name, Object value) {
        ref.setAttr(name, value);
    }

    /** {@code obj[key]}, with {@code key} converted to Python. */
    public PyObject getItem(Object key) {
        return of(ref.getItem(key));
    }

    /** {@code len(obj)}. */
    public long len() {
        return ref.len();
    }

    /** {@code repr(obj)}. */
    public String repr() {
        return ref.repr();
    }

    /** {@code str(obj)}. */
    public String str() {
        return ref.str();
    }

    /**
     * The name of the object's type: the bare name for built-ins ({@code "int"}), {@code module.QualName}
     * for others ({@code "numpy.ndarray"}).
     */
    public String typeName() {
        return ref.typeName();
    }

    /** Calls the object with positional arguments converted to Python, through vectorcall. */
    public PyObject call(Object... args) {
        return of(ref.call(args));
    }

    /** Calls the object with keyword arguments (in the map's iteration order) after the positional ones. */
    public PyObject callKw(Map<String, ?> kwargs, Object... args) {
        return of(ref.callKw(kwargs, args));
    }

    /** {@code obj.name(*args)}, without creating the bound method object. */
    public PyObject callMethod(String name, Object... args) {
        return of(ref.callMethod(name, args));
    }

    /**
     * Converts the object to {@code type}: {@code String}, boxed and primitive numbers, {@code Boolean},
     * {@code BigInteger}, {@code byte[]}, {@code List}, {@code Set}, {@code Map}, {@code Optional},
     * enums, records, arrays, {@code PyObject}, or {@code Object} for the natural mapping.
     *
     * <p>An {@code int}, {@code float}, {@code bool} or {@code str} (not a subclass), or {@code None}, asked
     * for as a Java number type ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Double},
     * {@code Float}), {@code Boolean}, {@code String}, their primitives or {@code Object}, is read where the
     * object keeps its value, which never changes, without taking the GIL: reading a result back on a
     * thread that does not hold it costs no acquisition, and on a virtual thread no hand-off to a bridge
     * thread (ints beyond a {@code long}, {@code Long.MIN_VALUE}, and values that do not fit, take the GIL as
     * any other conversion).
     *
     * @throws PythonConversionException when the value does not fit, saying where and why
     */
    @SuppressWarnings("unchecked")
    public <T> T as(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return (T) ref.as(type);
    }

    /** Like {@link #as(Class)} for generic targets: {@code as(new TypeRef<List<String>>() {})}. */
    @SuppressWarnings("unchecked")
    public <T> T as(TypeRef<T> type) {
        Objects.requireNonNull(type, "type");
        return (T) ref.as(type.type());
    }

    /**
     * {@code iter(obj)} read lazily from Java: {@code for (String line : file.iterate(String.class))}. Each
     * item is taken from Python when Java asks for it (a generator runs to its next {@code yield}), with the
     * GIL held for that step only, and converted as {@link #as(Class)} converts; see {@link PyIterator}.
     * Close the iterator when a loop may stop early.
     *
     * @throws PythonException a {@code TypeError} when the object is not iterable
     */
    public <T> PyIterator<T> iterate(Class<T> elementType) {
        Objects.requireNonNull(elementType, "elementType");
        return new PyIterator<>(PythonIteration.iterate(ref), elementType, 1);
    }

    /** {@link #iterate(Class)} for generic items: {@code iterate(new TypeRef<List<String>>() {})}. */
    public <T> PyIterator<T> iterate(TypeRef<T> elementType) {
        Objects.requireNonNull(elementType, "elementType");
        return new PyIterator<>(PythonIteration.iterate(ref), elementType.type(), 1);
    }

    /**
     * {@link #iterate(Class)} taking up to {@code batch} items per GIL acquisition: fewer acquisitions
     * and hand-offs (a virtual thread hands each one to a bridge thread), so several times faster per
     * item, but the Python iterator runs up to {@code batch - 1} items ahead of the reader.
     *
     * @throws IllegalArgumentException when {@code batch} is less than 1
     */
    public <T> PyIterator<T> iterate(Class<T> elementType, int batch) {
        Objects.requireNonNull(elementType, "elementType");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return new PyIterator<>(PythonIteration.iterate(ref), elementType, batch);
    }

    /** {@link #iterate(Class, int)} for generic items. */
    public <T> PyIterator<T> iterate(TypeRef<T> elementType, int batch) {
        Objects.requireNonNull(elementType, "elementType");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return new PyIterator<>(PythonIteration.iterate(ref), elementType.type(), batch);
    }

    /**
     * {@link #iterate(Class)} as a sequential {@link java.util.stream.Stream}; closing the stream closes
     * the Python iterator (use try-with-resources when it may not be read to its end).
     */
    public <T> java.util.stream.Stream<T> stream(Class<T> elementType) {
        return iterate(elementType).stream();
    }

    /** {@link #stream(Class)} for generic items. */
    public <T> java.util.stream.Stream<T> stream(TypeRef<T> elementType) {
        return iterate(elementType).stream();
    }

    /**
     * Enters this context manager ({@code __enter__}) for a Java block: see {@link PyContext} for exiting
     * it with the block's exception, or use {@link #withContext}, which does that for you.
     *
     * @throws PythonException a {@code TypeError} when the object is not a context manager, or what
     *                         {@code __enter__} raised
     */
    public PyContext enter() {
        ContextManagers.Entered entered = ContextManagers.enter(ref);
        return new PyContext(of(entered.value()), entered.exit());
    }

    /**
     * {@code with obj as value: body(value)} from Java. {@code __enter__} runs, then the body (without the
     * GIL held, as any Java code), then {@code __exit__}: with {@code (None, None, None)} when the body
     * returned, or with the exception it threw ({@link PyContext#exit(Throwable)} says how it reaches
     * Python). An exception {@code __exit__} suppresses makes this return {@code null}; otherwise it is
     * rethrown as it was, and one {@code __exit__} raises instead is thrown in its place, as in Python. The
     * value is closed when the block ends.
     *
     * @throws X               what the body threw, unless {@code __exit__} suppressed it
     * @throws PythonException what {@code __enter__} or {@code __exit__} raised
     */
    public <T, X extends Exception> T withContext(ContextBody<T, X> body) throws X {
        Objects.requireNonNull(body, "body");
        PyContext context = enter();
        T result;
        try {
            result = body.run(context.value());
        } catch (Throwable failure) {
            boolean suppressed;
            try {
                suppressed = context.exit(failure);
            } catch (RuntimeException | Error exitFailure) {
                if (!causedBy(exitFailure, failure)) {
                    exitFailure.addSuppressed(failure);
                }
                throw exitFailure;
            }
            if (suppressed) {
                return null;
            }
            throw failure;
        }
        context.close();
        return result;
    }

    private static boolean causedBy(Throwable thrown, Throwable cause) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 64; t = t.getCause(), depth++) {
            if (t == cause) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return ref.isClosed();
    }

    /** Drops the reference; idempotent. */
    @Override
    public void close() {
        ref.close();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyObject o && o.ref.equals(ref);
    }

    @Override
    public int hashCode() {
        return ref.hashCode();
    }

    /** {@code repr(obj)}, or a placeholder when the object or the interpreter is closed. */
    @Override
    public String toString() {
        return ref.toString();
    }
}
