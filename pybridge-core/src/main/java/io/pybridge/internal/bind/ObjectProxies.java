package io.pybridge.internal.bind;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.bind.AsyncCalls;
import io.pybridge.internal.bind.ObjectBinder;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.ref.Reference;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Python objects as Java interfaces, both ways: {@code as(Listener.class)} makes a proxy calling the
 * object's methods ({@link ObjectBinder}), and such a proxy passed back to Python is the object itself,
 * not a Java object wrapped once more.
 */
public final class ObjectProxies {
    /** How proxy methods returning {@code CompletableFuture} run plain (not {@code async def}) methods. */
    private static volatile AsyncCalls asyncCalls = AsyncCalls.ON_CALLER;

    private ObjectProxies() {
    }

    /** Set by {@code Python} when it starts: its {@code submit}, as for bound modules. */
    public static void useAsyncCalls(AsyncCalls calls) {
        asyncCalls = Objects.requireNonNull(calls, "calls");
    }

    /** A proxy of {@code iface} (used as {@code target}) over {@code object}, borrowed. The caller holds the GIL. */
    public static Object proxy(ThreadContext ctx, long object, Class<?> iface, Type target) {
        return ObjectBinder.bind(ctx, object, iface, target, asyncCalls);
    }

    /** A new reference to the Python object {@code value} stands for, or 0 when it is no such proxy. */
    public static long unwrap(Object value) {
        PyRef target = ObjectBinder.targetOf(value);
        if (target == null) {
            return 0;
        }
        long pointer = target.pointer();
        CPython.Py_IncRef(pointer);
        Reference.reachabilityFence(target);
        return pointer;
    }
}
