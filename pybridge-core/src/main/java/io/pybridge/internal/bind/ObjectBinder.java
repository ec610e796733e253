package io.pybridge.internal.bind;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.convert.SupportedTypes;
import io.pybridge.internal.convert.ConversionFailure;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pyObject.as(Listener.class)}: a proxy whose abstract methods call the Python object's methods,
 * by snake_case name or {@code @PyName}, with the checks and conversions of {@link ModuleBinder} (the
 * same {@link BoundFunction}s). It is how a Python class implements a Java callback interface.
 *
 * <p>The methods are looked up once, when the proxy is made (a method the object lacks is an error then,
 * not at the first call), and the proxy holds them, and so the object, for as long as it lives. An
 * interface with one abstract method that the object has no method for is implemented by calling the
 * object itself when it is callable: a Python function as a {@code Function}, {@code Runnable} or
 * {@code Comparator}. The method types are those of the interface as the conversion target uses it
 * ({@code Function<String, Integer>} from a {@code TypeRef}); variables left open take their bound.
 */
public final class ObjectBinder {
    /** Per interface: each use's methods and their checked types, worked out once. */
    private static final ClassValue<Map<Type, Plan>> PLANS = new ClassValue<>() {
        @Override
        protected Map<Type, Plan> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private record Plan(List<Method> methods, List<Type[]> parameterTypes, List<Type> returnTypes) {
    }

    private ObjectBinder() {
    }

    /**
     * A proxy of {@code iface} (used as {@code use}) calling the methods of {@code object}, a borrowed
     * pointer. The caller holds the GIL.
     *
     * @throws IllegalArgumentException when a method of {@code iface} has a type the conversions do not handle
     * @throws ConversionFailure        when the object lacks a method {@code iface} needs (all are named)
     */
    public static Object bind(ThreadContext ctx, long object, Class<?> iface, Type use, AsyncCalls async) {
        Plan plan = PLANS.get(iface).computeIfAbsent(use, u -> plan(iface, u));
        String typeName = PythonNames.typeNameOf(ctx, object);
        Map<Method, BoundFunction> functions = new HashMap<>();
        List<String> missing = new ArrayList<>();
        boolean actsAsFunction = plan.methods.size() == 1;
        try {
            for (int i = 0; i < plan.methods.size(); i++) {
                Method method = plan.methods.get(i);
                String name = BoundFunction.pythonName(method);
                long function = CPython.PyObject_GetAttr(object, PythonNames.of(ctx, name));
                if (function == 0) {
                    if (CPython.PyErr_GivenExceptionMatches(CPython.PyErr_Occurred(), PyConstants.EXC_ATTRIBUTE_ERROR) == 0) {
                        throw PythonErrors.fetch(ctx);
                    }
                    CPython.PyErr_Clear();
                    if (actsAsFunction && CPython.PyCallable_Check(object) != 0) {
                        CPython.Py_IncRef(object);
                        function = object;
                    } else {
                        missing.add(name + " (for " + ModuleBinder.describe(iface, method) + ")");
                        continue;
                    }
                } else if (CPython.PyCallable_Check(function) == 0) {
                    String type = PythonNames.typeNameOf(ctx, function);
                    CPython.Py_DecRef(function);
                    missing.add(name + " (for " + ModuleBinder.describe(iface, method) + "; '" + name + "' is a "
                            + type + ", not a method)");
                    continue;
                }
                PyRef wrapped = PyRef.adopt(function);
                String description = typeName + "." + name + "() for " + ModuleBinder.describe(iface, method);
                functions.put(method, new BoundFunction(method, description, wrapped, plan.parameterTypes.get(i),
                        plan.returnTypes.get(i)));
            }
        } catch (RuntimeException e) {
            functions.values().forEach(BoundFunction::close);
            throw e;
        }
        if (!missing.isEmpty()) {
            functions.values().forEach(BoundFunction::close);
            throw new ConversionFailure("Python " + typeName + " cannot implement " + iface.getName()
                    + ": it has no method " + String.join(", ", missing));
        }
        CPython.Py_IncRef(object);
        PyRef target = PyRef.adopt(object);
        String description = iface.getSimpleName() + " implemented by Python " + typeName;
        return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                new BoundModule(description, functions, async, target));
    }

    /** The Python object a proxy made here stands for, or null when {@code value} is no such proxy. */
    public static PyRef targetOf(Object value) {
        if (Proxy.isProxyClass(value.getClass()) && Proxy.getInvocationHandler(value) instanceof BoundModule bound) {
            return bound.target();
        }
        return null;
    }

    private static Plan plan(Class<?> iface, Type use) {
        List<Method> methods = ModuleBinder.boundMethods(iface);
        MethodTypes types = new MethodTypes(iface, use);
        List<Type[]> parameterTypes = new ArrayList<>();
        List<Type> returnTypes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Method method : methods) {
            Type[] parameters = types.parameterTypes(method);
            for (int i = 0; i < parameters.length; i++) {
                int index = i;
                SupportedTypes.problemAsArgument(parameters[i]).ifPresent(problem -> problems.add(
                        ModuleBinder.describe(iface, method) + " parameter " + (index + 1) + ": " + problem));
            }
            Type returnType = types.returnType(method);
            Type result = method.getReturnType() == java.util.concurrent.CompletableFuture.class
                    ? futureValue(returnType) : returnType;
            if (result != void.class && result != Void.class) {
                SupportedTypes.problemAsResult(result).ifPresent(problem ->
                        problems.add(ModuleBinder.describe(iface, method) + " result: " + problem));
            }
            parameterTypes.add(parameters);
            returnTypes.add(returnType);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("a Python object cannot stand for " + use.getTypeName() + ":\n  "
                    + String.join("\n  ", problems));
        }
        return new Plan(methods, parameterTypes, returnTypes);
    }

    private static Type futureValue(Type futureType) {
        return futureType instanceof java.lang.reflect.ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }
}
