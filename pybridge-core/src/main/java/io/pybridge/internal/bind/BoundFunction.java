package io.pybridge.internal.bind;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.convert.CallableArgument;
import io.pybridge.internal.convert.PythonNaming;
import io.pybridge.internal.convert.PythonToJava;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.convert.PythonCalls;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.internal.aio.Coroutines;
import io.pybridge.internal.aio.EventLoopCalls;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One method of a bound interface: the Python function it calls, how its arguments go (positionally,
 * or by keyword for parameters marked {@code @PyName}) and what type the result is converted to.
 */
final class BoundFunction {
    private static final List<Class<?>> FUNCTIONAL = List.of(Runnable.class, Supplier.class, Function.class,
            BiFunction.class, Consumer.class, BiConsumer.class);

    private static final Object[] NO_ARGUMENTS = new Object[0];
    private final String description;
    private final PyRef function;
    private final Type[] parameterTypes;
    private final String[] keywords;
    private final boolean[] callable;
    /** No keyword and no callable parameter: the arguments go to Python as they came. */
    private final boolean positionalOnly;
    private final Type resultType;
    private final boolean ignoresResult;
    private final boolean asynchronous;
    /** idioms: an {@code async def} behind a {@code CompletableFuture} method, awaited on the bridge's event loop. */
    private final boolean coroutine;

    BoundFunction(Method method, String description, PyRef function) {
        this(method, description, function, method.getGenericParameterTypes(), method.getGenericReturnType());
    }

    /**
     * With the method's types as a particular use of its interface resolves them (idioms: a Python object
     * as a {@code Function<String, Integer>}). The caller holds the GIL.
     */
    BoundFunction(Method method, String description, PyRef function, Type[] parameterTypes, Type returnType) {
        this.description = description;
        this.function = function;
        Parameter[] parameters = method.getParameters();
        this.parameterTypes = parameterTypes;
        keywords = new String[parameters.length];
        callable = new boolean[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            keywords[i] = parameters[i].isAnnotationPresent(io.pybridge.convert.PyName.class)
                    ? PythonNaming.of(parameters[i], parameters[i].getName()) : null;
            callable[i] = FUNCTIONAL.contains(parameters[i].getType());
        }
        boolean plain = true;
        for (int i = 0; i < parameters.length; i++) {
            plain &= keywords[i] == null && !callable[i];
        }
        positionalOnly = plain;
        asynchronous = method.getReturnType() == CompletableFuture.class;
        resultType = asynchronous ? futureValueType(returnType) : returnType;
        ignoresResult = resultType == void.class || resultType == Void.class;
        coroutine = asynchronous && Coroutines.isCoroutineFunction(function);
    }

    /** The declared result type with the {@code CompletableFuture} taken off when there is one. */
    static Type resultTypeOf(Method method) {
        return method.getReturnType() == CompletableFuture.class
                ? futureValueType(method.getGenericReturnType()) : method.getGenericReturnType();
    }

    private static Type futureValueType(Type futureType) {
        return futureType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    /** The Python name a method calls: its {@code @PyName}, or its name in snake_case. */
    static String pythonName(Method method) {
        return PythonNaming.of(method, method.getName());
    }

    Object invoke(Object[] args, AsyncCalls async) {
        if (coroutine) {
            return EventLoopCalls.callCoroutine(ctx -> callPython(ctx, args), resultType, this::withContext);
        }
        return asynchronous ? async.run(() -> call(args)) : call(args);
    }

    private Object call(Object[] args) {
        return GilScope.call(ctx -> {
            long result = callPython(ctx, args);
            try {
                return ignoresResult ? null : PythonToJava.convert(ctx, result, resultType);
            } catch (RuntimeException e) {
                throw withContext(e);
            } finally {
                CPython.Py_DecRef(result);
            }
        });
    }

    /** Calls the Python function with the converted arguments: a new reference. The caller holds the GIL. */
    private long callPython(ThreadContext ctx, Object[] args) {
        Object[] positional = args == null ? NO_ARGUMENTS : args;
        Map<String, Object> named = null;
        if (!positionalOnly) {
            List<Object> inOrder = new ArrayList<>();
            named = new LinkedHashMap<>();
            for (int i = 0; i < positional.length; i++) {
                Object value = callable[i] && positional[i] != null
                        ? new CallableArgument(positional[i], parameterTypes[i]) : positional[i];
                if (keywords[i] != null) {
                    named.put(keywords[i], value);
                } else {
                    inOrder.add(value);
                }
            }
            positional = inOrder.toArray();
            named = named.isEmpty() ? null : named;
        }
        try {
            return PythonCalls.call(ctx, function.beginUse(), positional, named);
        } finally {
            function.endUse();
        }
    }

    /** A conversion failure of the result, saying which function's result it was; anything else as it is. */
    private RuntimeException withContext(RuntimeException e) {
        String path = ApiErrors.conversionPath(e);
        if (path == null) {
            return e;
        }
        String problem = path.isEmpty() ? e.getMessage() : e.getMessage().substring(path.length() + 2);
        return ApiErrors.conversion(path, problem + " (in the result of " + description + ")", e.getCause());
    }

    void close() {
        function.close();
    }
}
