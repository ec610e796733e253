package io.pybridge;

import io.pybridge.convert.TypeRef;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.convert.JavaToPython;
import io.pybridge.internal.convert.PythonToJava;
import io.pybridge.internal.idioms.context.ContextManagers;
import io.pybridge.internal.idioms.iteration.PythonIteration;
import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.ObjectAccess;
import io.pybridge.internal.convert.PythonCalls;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.reflect.Type;
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
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "pybridge-cleaner");
        t.setDaemon(true);
        return t;
    });
    private static final VarHandle USERS;
    /** The bit of {@link #users} that says {@code close()} was called. */
    private static final int CLOSED = 0x8000_0000;
    private static final String ATTRIBUTE_NAME = "attribute name";

    static {
        try {
            USERS = MethodHandles.lookup().findVarHandle(PyObject.class, "users", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        ObjectAccess.install(new ObjectAccess() {
            @Override
            public PyObject wrap(long newReference) {
                return new PyObject(newReference);
            }

            @Override
            public long pointer(PyObject object) {
                return object.pointer();
            }

            @Override
            public long beginUse(PyObject object) {
                return object.beginUse();
            }

            @Override
            public void endUse(PyObject object) {
                object.endUse();
            }

            @Override
            public void escape(PyObject object) {
                object.escape();
            }
        });
    }

    private final long address;
    /**
     * Operations now using the object (each holds it across whatever Python code it runs, which may let
     * the GIL go), plus {@link #CLOSED}. The reference is dropped by {@code close()} when none is in
     * flight, otherwise by the last one to finish: another thread's close never frees it under a user.
     */
    @SuppressWarnings("unused") // accessed through USERS
    private volatile int users;
    /** Set when the object outlives the withGil scope that made it; see {@link #escape()}. */
    private Cleaner.Cleanable cleanable;
    private volatile Drop drop;

    private PyObject(long newReference) {
        this(Gil.context(), newReference);
    }

    private PyObject(ThreadContext ctx, long newReference) {
        this.address = newReference;
        ctx.track(this);
    }

    /**
     * Arms the garbage-collector safety net for an object that was not closed in the GIL scope that
     * created it. Registering a {@link Cleaner} costs more than a short call, so objects closed in the
     * scope they were born in (the common case) never pay for it.
     */
    private void escape() {
        if (isClosed() || drop != null) {
            return;
        }
        Drop d = new Drop(address);
        cleanable = CLEANER.register(this, d);
        drop = d;
        if (isClosed()) {
            d.cancel();
        }
    }

    /** Releases a reference whose PyObject was reclaimed without {@code close()}. */
    private static final class Drop implements Runnable {
        private volatile long pointer;

        Drop(long pointer) {
            this.pointer = pointer;
        }

        void cancel() {
            pointer = 0;
        }

        @Override
        public void run() {
            long p = pointer;
            pointer = 0;
            if (p != 0) {
                Interpreter.release(p);
            }
        }
    }

    /** The pointer, for a caller that holds the GIL and takes its own reference before Python code runs. */
    long pointer() {
        if (isClosed()) {
            throw closedError();
        }
        if (!Interpreter.usableByCurrentThread()) {
            throw Interpreter.notRunning();
        }
        return address;
    }

    /**
     * Starts an operation that may run Python code: the object cannot be freed until {@link #endUse()},
     * even if another thread closes it meanwhile. The caller holds the GIL.
     */
    private long beginUse() {
        if (!Interpreter.usableByCurrentThread()) {
            throw Interpreter.notRunning();
        }
        int now;
        do {
            now = users;
            if ((now & CLOSED) != 0) {
                throw closedError();
            }
        } while (!USERS.weakCompareAndSet(this, now, now + 1));
        return address;
    }

    /** Ends an operation; drops the reference if the object was closed while it ran. The caller holds the GIL. */
    private void endUse() {
        if ((int) USERS.getAndAdd(this, -1) == (CLOSED | 1)) {
            Interpreter.release(address);
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("this PyObject was closed");
    }

    /** The attribute {@code name}, like {@code getattr(obj, name)}. */
    public PyObject getAttr(String name) {
        Objects.requireNonNull(name, "name");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                long attr = CPython.PyObject_GetAttr(self, PythonNames.of(ctx, name, ATTRIBUTE_NAME));
                if (attr == 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return new PyObject(ctx, attr);
            } finally {
                endUse();
            }
        });
    }

    /** Whether the attribute exists, like {@code hasattr}; other errors from {@code __getattr__} are thrown. */
    public boolean hasAttr(String name) {
        Objects.requireNonNull(name, "name");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                long pyName = PythonNames.of(ctx, name, ATTRIBUTE_NAME);
                if (CPython.has_PyObject_HasAttrWithError()) {
                    int found = CPython.PyObject_HasAttrWithError(self, pyName);
                    if (found < 0) {
                        throw PythonErrors.fetch(ctx);
                    }
                    return found == 1;
                }
                long attr = CPython.PyObject_GetAttr(self, pyName);
                if (attr != 0) {
                    CPython.Py_DecRef(attr);
                    return true;
                }
                if (CPython.PyErr_GivenExceptionMatches(CPython.PyErr_Occurred(), PyConstants.EXC_ATTRIBUTE_ERROR) != 0) {
                    CPython.PyErr_Clear();
                    return false;
                }
                throw PythonErrors.fetch(ctx);
            } finally {
                endUse();
            }
        });
    }

    /** Sets the attribute {@code name} to {@code value} converted to Python. */
    public void setAttr(String name, Object value) {
        Objects.requireNonNull(name, "name");
        GilScope.call(ctx -> {
            long self = beginUse();
            long converted = 0;
            try {
                converted = JavaToPython.convert(ctx, value, "value of attribute " + name);
                if (CPython.PyObject_SetAttr(self, PythonNames.of(ctx, name, ATTRIBUTE_NAME), converted) != 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return null;
            } finally {
                if (converted != 0) {
                    CPython.Py_DecRef(converted);
                }
                endUse();
            }
        });
    }

    /** {@code obj[key]}, with {@code key} converted to Python. */
    public PyObject getItem(Object key) {
        return GilScope.call(ctx -> {
            long self = beginUse();
            long pyKey = 0;
            try {
                pyKey = JavaToPython.convert(ctx, key, "key");
                long item = CPython.PyObject_GetItem(self, pyKey);
                if (item == 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return new PyObject(ctx, item);
            } finally {
                if (pyKey != 0) {
                    CPython.Py_DecRef(pyKey);
                }
                endUse();
            }
        });
    }

    /** {@code len(obj)}. */
    public long len() {
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                long size = CPython.PyObject_Size(self);
                if (size < 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return size;
            } finally {
                endUse();
            }
        });
    }

    /** {@code repr(obj)}. */
    public String repr() {
        return GilScope.call(ctx -> textOf(ctx, true));
    }

    /** {@code str(obj)}. */
    public String str() {
        return GilScope.call(ctx -> textOf(ctx, false));
    }

    private String textOf(ThreadContext ctx, boolean repr) {
        long self = beginUse();
        try {
            long text = repr ? CPython.PyObject_Repr(self) : CPython.PyObject_Str(self);
            if (text == 0) {
                throw PythonErrors.fetch(ctx);
            }
            try {
                return PythonToJava.string(ctx, text);
            } finally {
                CPython.Py_DecRef(text);
            }
        } finally {
            endUse();
        }
    }

    /**
     * The name of the object's type: the bare name for built-ins ({@code "int"}), {@code module.QualName}
     * for others ({@code "numpy.ndarray"}).
     */
    public String typeName() {
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return PythonNames.typeNameOf(ctx, self);
            } finally {
                endUse();
            }
        });
    }

    /** Calls the object with positional arguments converted to Python, through vectorcall. */
    public PyObject call(Object... args) {
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return new PyObject(ctx, PythonCalls.call(ctx, self, args, null));
            } finally {
                endUse();
            }
        });
    }

    /** Calls the object with keyword arguments (in the map's iteration order) after the positional ones. */
    public PyObject callKw(Map<String, ?> kwargs, Object... args) {
        Objects.requireNonNull(kwargs, "kwargs");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return new PyObject(ctx, PythonCalls.call(ctx, self, args, kwargs));
            } finally {
                endUse();
            }
        });
    }

    /** {@code obj.name(*args)}, without creating the bound method object. */
    public PyObject callMethod(String name, Object... args) {
        Objects.requireNonNull(name, "name");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return new PyObject(ctx, PythonCalls.callMethod(ctx, self, name, args));
            } finally {
                endUse();
            }
        });
    }

    /**
     * Converts the object to {@code type}: {@code String}, boxed and primitive numbers, {@code Boolean},
     * {@code BigInteger}, {@code byte[]}, {@code List}, {@code Set}, {@code Map}, {@code Optional},
     * enums, records, arrays, {@code PyObject}, or {@code Object} for the natural mapping.
     *
     * @throws PythonConversionException when the value does not fit, saying where and why
     */
    @SuppressWarnings("unchecked")
    public <T> T as(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return (T) as((Type) type);
    }

    /** Like {@link #as(Class)} for generic targets: {@code as(new TypeRef<List<String>>() {})}. */
    @SuppressWarnings("unchecked")
    public <T> T as(TypeRef<T> type) {
        Objects.requireNonNull(type, "type");
        return (T) as(type.type());
    }

    private Object as(Type type) {
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return PythonToJava.convert(ctx, self, type);
            } finally {
                endUse();
            }
        });
    }

    /**
     * {@code iter(obj)} read lazily from Java: {@code for (String line : file.iterate(String.class))}. Each
     * item is taken from Python when Java asks for it (a generator runs to its next {@code yield}), with the
     * GIL held for that step only, and converted as {@link #as(Class)} converts; see {@link PyIterator}.
     * Close the iterator when a loop may stop early.
     *
     * @throws PythonException a {@code TypeError} when the object is not iterable
     */
    @SuppressWarnings("unchecked")
    public <T> PyIterator<T> iterate(Class<T> elementType) {
        Objects.requireNonNull(elementType, "elementType");
        return (PyIterator<T>) PythonIteration.iterate(this, elementType, 1);
    }

    /** {@link #iterate(Class)} for generic items: {@code iterate(new TypeRef<List<String>>() {})}. */
    @SuppressWarnings("unchecked")
    public <T> PyIterator<T> iterate(TypeRef<T> elementType) {
        Objects.requireNonNull(elementType, "elementType");
        return (PyIterator<T>) PythonIteration.iterate(this, elementType.type(), 1);
    }

    /**
     * {@link #iterate(Class)} taking up to {@code batch} items per GIL acquisition: fewer acquisitions
     * and hand-offs (a virtual thread hands each one to a bridge thread), so several times faster per
     * item, but the Python iterator runs up to {@code batch - 1} items ahead of the reader.
     *
     * @throws IllegalArgumentException when {@code batch} is less than 1
     */
    @SuppressWarnings("unchecked")
    public <T> PyIterator<T> iterate(Class<T> elementType, int batch) {
        Objects.requireNonNull(elementType, "elementType");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return (PyIterator<T>) PythonIteration.iterate(this, elementType, batch);
    }

    /** {@link #iterate(Class, int)} for generic items. */
    @SuppressWarnings("unchecked")
    public <T> PyIterator<T> iterate(TypeRef<T> elementType, int batch) {
        Objects.requireNonNull(elementType, "elementType");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return (PyIterator<T>) PythonIteration.iterate(this, elementType.type(), batch);
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
        ContextManagers.Entered entered = ContextManagers.enter(this);
        return new PyContext(entered.value(), entered.exit());
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
        return (users & CLOSED) != 0;
    }

    /** Drops the reference; idempotent. */
    @Override
    public void close() {
        int before = (int) USERS.getAndBitwiseOr(this, CLOSED);
        if ((before & CLOSED) != 0) {
            return;
        }
        Drop d = drop;
        if (d != null) {
            d.cancel();
            cleanable.clean();
        }
        if (before == 0) {
            Interpreter.release(address);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyObject o && o.address == address;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address);
    }

    /** {@code repr(obj)}, or a placeholder when the object or the interpreter is closed. */
    @Override
    public String toString() {
        if (isClosed() || !Interpreter.isRunning()) {
            return "<closed PyObject>";
        }
        try {
            return repr();
        } catch (RuntimeException e) {
            return "<PyObject: repr() failed: " + e.getMessage() + ">";
        }
    }
}
