package io.pybridge.internal.convert;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.Upcalls;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PermanentMemory;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyMethodDefStruct;
import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.JavaHandles;
import io.pybridge.internal.convert.JavaThrowables;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Java functional objects ({@code Runnable}, {@code Supplier}, {@code Function}, {@code BiFunction},
 * {@code Consumer}, {@code BiConsumer}) as Python callables.
 *
 * <p>Each becomes a built-in function whose C code is one upcall stub shared by all of them and whose
 * {@code self} is a capsule holding the Java object ({@link JavaHandles}): when Python frees the
 * function, the capsule's destructor lets the Java object go. A call may come on any thread that holds
 * the GIL, a thread Python started included; the upcall tells the bridge that the thread holds the GIL
 * for the duration, so Java code inside may call Python again. Arguments are converted to the types the
 * callable declares when they are known ({@link CallableArgument}), else to their natural Java types;
 * the result is converted back to Python. Whatever the Java code throws becomes a Python exception: no
 * Java exception ever reaches the native frames, which would end the JVM.
 */
final class JavaCallables {
    private enum Kind {
        RUNNABLE(Runnable.class, 0),
        SUPPLIER(Supplier.class, 0),
        FUNCTION(Function.class, 1),
        BI_FUNCTION(BiFunction.class, 2),
        CONSUMER(Consumer.class, 1),
        BI_CONSUMER(BiConsumer.class, 2);

        final Class<?> type;
        final int arity;
        long methodDef;

        Kind(Class<?> type, int arity) {
            this.type = type;
            this.arity = arity;
        }
    }

    private record Target(Object function, Kind kind, Type[] parameterTypes) {
        Object call(Object[] args) {
            return switch (kind) {
                case RUNNABLE -> {
                    ((Runnable) function).run();
                    yield null;
                }
                case SUPPLIER -> ((Supplier<?>) function).get();
                case FUNCTION -> asFunction(function).apply(args[0]);
                case BI_FUNCTION -> biFunction(function).apply(args[0], args[1]);
                case CONSUMER -> {
                    consumer(function).accept(args[0]);
                    yield null;
                }
                case BI_CONSUMER -> {
                    biConsumer(function).accept(args[0], args[1]);
                    yield null;
                }
            };
        }
    }

    private static final long ENTER_FAILED = PermanentMemory.cString("PyBridge could not prepare this thread to run Java code");

    static {
        long stub = Upcalls.fastcallFunction(MethodHandles.lookup(), JavaCallables.class, "invoke");
        for (Kind kind : Kind.values()) {
            kind.methodDef = PyMethodDefStruct.define(kind.type.getSimpleName(), stub, PyMethodDefStruct.METH_FASTCALL,
                    "A Java " + kind.type.getName() + " (takes " + kind.arity + " argument" + (kind.arity == 1 ? "" : "s")
                            + ")");
        }
    }

    private JavaCallables() {
    }

    /** Whether {@code value} is one of the functional types this class converts. */
    static boolean handles(Object value) {
        return kindOf(value.getClass()) != null;
    }

    /** A new reference to a Python callable that calls {@code function}. The caller holds the GIL. */
    static long toPython(ThreadContext ctx, Object function) {
        return create(ctx, function, kindOf(function.getClass()), new Type[0]);
    }

    /** Like {@link #toPython(ThreadContext, Object)}, converting arguments to the declared types. */
    static long toPython(ThreadContext ctx, CallableArgument argument) {
        Class<?> declared = PythonToJava.raw(argument.declaredType());
        Kind kind = kindOf(declared);
        if (kind == null || !declared.isInstance(argument.function())) {
            throw new ConversionFailure("cannot pass " + argument.function().getClass().getName() + " as "
                    + argument.declaredType().getTypeName());
        }
        return create(ctx, argument.function(), kind, parameterTypes(argument.declaredType(), kind));
    }

    private static long create(ThreadContext ctx, Object function, Kind kind, Type[] parameterTypes) {
        long capsule = JavaHandles.capsule(ctx, new Target(function, kind, parameterTypes));
        try {
            long callable = CPython.PyCFunction_NewEx(kind.methodDef, capsule, 0);
            if (callable == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return callable;
        } finally {
            CPython.Py_DecRef(capsule);
        }
    }

    private static Kind kindOf(Class<?> type) {
        for (Kind kind : Kind.values()) {
            if (kind.type.isAssignableFrom(type)) {
                return kind;
            }
        }
        return null;
    }

    /** The declared types of the arguments: {@code Function<A, R>} gives A, {@code BiConsumer<A, B>} A and B. */
    private static Type[] parameterTypes(Type declared, Kind kind) {
        Type[] types = new Type[kind.arity];
        Arrays.fill(types, Object.class);
        if (declared instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < kind.arity && i < arguments.length; i++) {
                types[i] = consumed(arguments[i]);
            }
        }
        return types;
    }

    /** What a parameter can receive: {@code ? super T} receives a T. */
    private static Type consumed(Type argument) {
        if (argument instanceof WildcardType wildcard) {
            return wildcard.getLowerBounds().length > 0 ? wildcard.getLowerBounds()[0] : wildcard.getUpperBounds()[0];
        }
        return argument;
    }

    /** The upcall: {@code PyRef *f(PyRef *self, PyRef *const *args, Py_ssize_t nargs)}. */
    @SuppressWarnings("unused") // an upcall target
    private static long invoke(long self, long args, long nargs) {
        ThreadContext ctx;
        try {
            ctx = Gil.enterUpcall();
        } catch (Throwable t) {
            return failBeforeContext();
        }
        NativeScratch scratch = null;
        long mark = 0;
        try {
            scratch = ctx.scratch();
            mark = scratch.mark();
            if (Gil.stackExhausted(ctx)) {
                JavaThrowables.raiseRecursionError(ctx, Gil.recursionMessage(ctx));
                return 0;
            }
            if (!(JavaHandles.get(self) instanceof Target target)) {
                raise(ctx, new IllegalStateException("this Java callable is no longer registered"));
                return 0;
            }
            if (nargs != target.kind.arity) {
                JavaThrowables.raiseTypeError(ctx, "the Java " + target.kind.type.getSimpleName() + " takes "
                        + target.kind.arity + " positional argument" + (target.kind.arity == 1 ? "" : "s")
                        + " but " + nargs + " were given");
                return 0;
            }
            Object[] javaArgs = new Object[target.kind.arity];
            for (int i = 0; i < javaArgs.length; i++) {
                Type type = i < target.parameterTypes.length ? target.parameterTypes[i] : Object.class;
                try {
                    javaArgs[i] = PythonToJava.convert(ctx, NativeScratch.getWord(args, i), type);
                } catch (RuntimeException e) {
                    if (ApiErrors.conversionPath(e) == null) {
                        throw e;
                    }
                    JavaThrowables.raiseTypeError(ctx, "argument " + (i + 1) + " of the Java "
                            + target.kind.type.getSimpleName() + ": " + e.getMessage());
                    return 0;
                }
            }
            Object result = target.call(javaArgs);
            return JavaToPython.convert(ctx, result, "the result of the Java " + target.kind.type.getSimpleName());
        } catch (Throwable t) {
            raise(ctx, t);
            return 0;
        } finally {
            leave(ctx, scratch, mark);
        }
    }

    /** Even reporting may fail (a StackOverflowError again, say); nothing may leave the upcall. */
    private static void raise(ThreadContext ctx, Throwable t) {
        try {
            JavaThrowables.raise(ctx, t);
        } catch (Throwable ignored) {
            // Python then reports a call that failed without an exception set: a SystemError, not a crash.
        }
    }

    private static void leave(ThreadContext ctx, NativeScratch scratch, long mark) {
        try {
            if (scratch != null) {
                scratch.release(mark);
            }
        } catch (Throwable ignored) {
            // The scratch stack is this thread's own; a mark that cannot be released only wastes space.
        }
        try {
            Gil.leaveUpcall(ctx);
        } catch (Throwable ignored) {
            // Leaving only updates this thread's bookkeeping; it must not take the JVM down.
        }
    }

    private static long failBeforeContext() {
        try {
            CPython.PyErr_SetString(PyConstants.EXC_RUNTIME_ERROR, ENTER_FAILED);
        } catch (Throwable ignored) {
            // Python reports a call that failed without an exception set.
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> asFunction(Object f) {
        return (Function<Object, Object>) f;
    }

    @SuppressWarnings("unchecked")
    private static BiFunction<Object, Object, Object> biFunction(Object f) {
        return (BiFunction<Object, Object, Object>) f;
    }

    @SuppressWarnings("unchecked")
    private static Consumer<Object> consumer(Object f) {
        return (Consumer<Object>) f;
    }

    @SuppressWarnings("unchecked")
    private static BiConsumer<Object, Object> biConsumer(Object f) {
        return (BiConsumer<Object, Object>) f;
    }
}
