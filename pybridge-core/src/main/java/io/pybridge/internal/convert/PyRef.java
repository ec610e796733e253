package io.pybridge.internal.convert;

import io.pybridge.internal.capi.InPlaceScalars;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.convert.TypeRef;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.runtime.Cleanups;
import io.pybridge.internal.runtime.EscapedSmallResults;
import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.internal.runtime.TrackedObject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * An owned, strong reference to a Python object, with every operation the bridge offers on one: what
 * {@code io.pybridge.PyObject} is inside (the public class is a thin face over this one), and what the
 * bridge's own features hold Python objects by.
 *
 * <p>Every method may be called from any thread: it takes the GIL itself when the calling thread does
 * not hold it. {@link #close()} drops the reference at once when the thread holds the GIL, otherwise at
 * the bridge's next GIL acquisition; one that is never closed is dropped the same way after the garbage
 * collector reclaims it. Each operation holds the object in use ({@link #beginUse}) for its whole
 * length: another thread's close, while Python code the operation runs lets the GIL go, never frees it
 * under the operation. Use after close, or after the interpreter closed, throws {@link IllegalStateException}.
 */
public final class PyRef implements AutoCloseable, TrackedObject {
    private static final VarHandle USERS;
    /** The bit of {@link #users} that says {@code close()} was called. */
    private static final int CLOSED = 0x8000_0000;
    private static final String ATTRIBUTE_NAME = "attribute name";

    static {
        try {
            USERS = MethodHandles.lookup().findVarHandle(PyRef.class, "users", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long address;
    /**
     * Operations now using the object (each holds it across whatever Python code it runs, which may let
     * the GIL go), plus {@link #CLOSED}. The reference is dropped by {@code close()} when none is in
     * flight, otherwise by the last one to finish: another thread's close never frees it under a user.
     */
    @SuppressWarnings("unused") // accessed through USERS
    private volatile int users;
    /** Set when the object outlives the withGil scope that made it; see {@link #escape(ThreadContext)}. */
    private Cleaner.Cleanable cleanable;
    private volatile DeferredRelease drop;
    /** Set instead of {@link #drop} for a small result; see {@link EscapedSmallResults}. */
    private volatile EscapedSmallResults batched;
    private int batchSlot;

    /** Owns {@code newReference}, which a GIL scope of the calling platform thread just made. */
    public static PyRef adopt(long newReference) {
        return new PyRef(Gil.context(), newReference);
    }

    /** Owns {@code newReference}, made in the GIL scope of {@code ctx}. */
    public static PyRef adopt(ThreadContext ctx, long newReference) {
        return new PyRef(ctx, newReference);
    }

    private PyRef(ThreadContext ctx, long newReference) {
        this.address = newReference;
        ctx.track(this);
    }

    /**
     * Arms the garbage-collector safety net for an object that was not closed in the GIL scope that
     * created it. Registering a {@link Cleaner} costs more than a short call, so objects closed in the
     * scope they were born in (the common case) never pay for it.
     */
    @Override
    public void escape(ThreadContext ctx) {
        if (isClosed() || drop != null || batched != null) {
            return;
        }
        if (ObjectTypes.isSmallImmutable(address)) {
            EscapedSmallResults batch = ctx.escapedSmallResults();
            batchSlot = batch.add(address);
            batched = batch;
            if (isClosed()) {
                batch.cancel(batchSlot);
            }
            return;
        }
        DeferredRelease d = DeferredRelease.ofReference(address);
        cleanable = Cleanups.register(this, d);
        drop = d;
        if (isClosed()) {
            d.cancel();
        }
    }

    /** The pointer, for a caller that holds the GIL and takes its own reference before Python code runs. */
    public long pointer() {
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
     * even if another thread closes it meanwhile. The caller holds the GIL, or is marked inside the
     * interpreter to read the object in place ({@link Gil#enterWithoutGil}).
     */
    public long beginUse() {
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

    /** Ends an operation; drops the reference if the object was closed while it ran (now, or at the next GIL acquisition). */
    public void endUse() {
        if ((int) USERS.getAndAdd(this, -1) == (CLOSED | 1)) {
            Interpreter.release(address);
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("this PyObject was closed");
    }

    /** The attribute {@code name}, like {@code getattr(obj, name)}. */
    public PyRef getAttr(String name) {
        Objects.requireNonNull(name, "name");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                long attr = CPython.PyObject_GetAttr(self, PythonNames.of(ctx, name, ATTRIBUTE_NAME));
                if (attr == 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return new PyRef(ctx, attr);
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
    public PyRef getItem(Object key) {
        return GilScope.call(ctx -> {
            long self = beginUse();
            long pyKey = 0;
            try {
                pyKey = JavaToPython.convert(ctx, key, "key");
                long item = CPython.PyObject_GetItem(self, pyKey);
                if (item == 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return new PyRef(ctx, item);
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
    public PyRef call(Object... args) {
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return new PyRef(ctx, PythonCalls.call(ctx, self, args, null));
            } finally {
                endUse();
            }
        });
    }

    /** Calls the object with keyword arguments (in the map's iteration order) after the positional ones. */
    public PyRef callKw(Map<String, ?> kwargs, Object... args) {
        Objects.requireNonNull(kwargs, "kwargs");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return new PyRef(ctx, PythonCalls.call(ctx, self, args, kwargs));
            } finally {
                endUse();
            }
        });
    }

    /** {@code obj.name(*args)}, without creating the bound method object. */
    public PyRef callMethod(String name, Object... args) {
        Objects.requireNonNull(name, "name");
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return new PyRef(ctx, PythonCalls.callMethod(ctx, self, name, args));
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

    /**
     * {@link #as(Class)} for any {@link Type}. An exact int, float, bool or str, or None, asked for as
     * the Java type it maps to, is read without taking the GIL ({@link GilFreeReads}).
     */
    public Object as(Type type) {
        boolean scalar = type instanceof Class<?> target && GilFreeReads.handles(target);
        if (scalar && InPlaceScalars.ready()) {
            Object value = readWithoutGil((Class<?>) type);
            if (value != GilFreeReads.NOT_READ) {
                return value;
            }
        }
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                if (scalar) {
                    InPlaceScalars.prepare();
                }
                return PythonToJava.convert(ctx, self, type);
            } finally {
                endUse();
            }
        });
    }

    private Object readWithoutGil(Class<?> target) {
        if (!Gil.enterWithoutGil()) {
            return GilFreeReads.NOT_READ;
        }
        try {
            long self = beginUse();
            try {
                return GilFreeReads.read(self, target);
            } finally {
                endUse();
            }
        } finally {
            Gil.leaveWithoutGil();
        }
    }

    /**
     * This exception object as the Java exception the bridge would have thrown had it been raised through
     * it (a task's result, a log record's exception): type, message, traceback, cause chain.
     */
    public RuntimeException javaException() {
        return asJavaException(PythonErrors::of);
    }

    /**
     * This exception object, which a task the bridge ran ended with and nothing in Python waits for any
     * more, as {@link #javaException()} gives it, its traceback's frames let go as for a raised exception.
     */
    public RuntimeException finishedTaskException() {
        return asJavaException(PythonErrors::ofFinishedTask);
    }

    private RuntimeException asJavaException(BiFunction<ThreadContext, Long, RuntimeException> translation) {
        return GilScope.call(ctx -> {
            long self = beginUse();
            try {
                return translation.apply(ctx, self);
            } finally {
                endUse();
            }
        });
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
        DeferredRelease d = drop;
        if (d != null) {
            d.cancel();
            cleanable.clean();
        }
        EscapedSmallResults batch = batched;
        if (batch != null) {
            batch.cancel(batchSlot);
        }
        if (before == 0) {
            Interpreter.release(address);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyRef o && o.address == address;
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
