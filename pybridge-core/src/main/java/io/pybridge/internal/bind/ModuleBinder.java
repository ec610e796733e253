package io.pybridge.internal.bind;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.convert.SupportedTypes;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.internal.capi.PyConstants;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code python.bind(Iface.class, "module")}: a proxy whose abstract methods call the module's
 * functions. Everything that can be checked is checked at bind time, so that a wrong interface fails
 * once, clearly: the types of every method (against what the conversions handle), and that the module
 * has each function and that it is callable.
 */
public final class ModuleBinder {
    /** Object's public methods, looked up once: {@code getMethods()} copies every Method it returns. */
    private static final Method[] OBJECT_METHODS = Object.class.getMethods();

    private ModuleBinder() {
    }

    /** Binds {@code iface} to {@code module}; methods returning {@code CompletableFuture} run through {@code async}. */
    public static <T> T bind(Class<T> iface, String module, AsyncCalls async) {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(async, "async");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface; bind needs an interface");
        }
        List<Method> methods = boundMethods(iface);
        checkTypes(iface, methods);
        Map<Method, BoundFunction> functions = GilScope.call(ctx -> resolve(ctx, iface, module, methods));
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                new BoundModule(iface, module, functions, async)));
    }

    /** Abstract methods other than those every object has. */
    static List<Method> boundMethods(Class<?> iface) {
        List<Method> methods = new ArrayList<>();
        for (Method method : iface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || isObjectMethod(method)) {
                continue;
            }
            methods.add(method);
        }
        return methods;
    }

    /** Compared by name and parameters: a lookup that throws NoSuchMethodException cost a cold bind 3-6 ms. */
    private static boolean isObjectMethod(Method method) {
        for (Method objectMethod : OBJECT_METHODS) {
            if (objectMethod.getName().equals(method.getName())
                    && Arrays.equals(objectMethod.getParameterTypes(), method.getParameterTypes())) {
                return true;
            }
        }
        return false;
    }

    private static void checkTypes(Class<?> iface, List<Method> methods) {
        List<String> problems = new ArrayList<>();
        for (Method method : methods) {
            Type[] parameters = method.getGenericParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                int index = i;
                SupportedTypes.problemAsArgument(parameters[i]).ifPresent(problem ->
                        problems.add(describe(iface, method) + " parameter " + (index + 1) + ": " + problem));
            }
            Type result = BoundFunction.resultTypeOf(method);
            if (result != void.class && result != Void.class) {
                SupportedTypes.problemAsResult(result).ifPresent(problem ->
                        problems.add(describe(iface, method) + " result: " + problem));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot bind " + iface.getName() + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static Map<Method, BoundFunction> resolve(ThreadContext ctx, Class<?> iface, String module,
                                                      List<Method> methods) {
        long moduleObject = CPython.PyImport_ImportModule(ctx.scratch().cString(module, "module name"));
        if (moduleObject == 0) {
            throw PythonErrors.fetch(ctx);
        }
        Map<Method, BoundFunction> functions = new HashMap<>();
        List<String> missing = new ArrayList<>();
        try {
            for (Method method : methods) {
                String name = BoundFunction.pythonName(method);
                long function = CPython.PyObject_GetAttr(moduleObject, PythonNames.of(ctx, name));
                if (function == 0) {
                    if (CPython.PyErr_GivenExceptionMatches(CPython.PyErr_Occurred(), PyConstants.EXC_ATTRIBUTE_ERROR) == 0) {
                        throw PythonErrors.fetch(ctx);
                    }
                    CPython.PyErr_Clear();
                    missing.add(name + " (for " + describe(iface, method) + ")");
                    continue;
                }
                if (CPython.PyCallable_Check(function) == 0) {
                    String type = PythonNames.typeNameOf(ctx, function);
                    CPython.Py_DecRef(function);
                    missing.add(name + " (for " + describe(iface, method) + "; '" + name + "' is a " + type
                            + ", not a function)");
                    continue;
                }
                PyRef wrapped = PyRef.adopt(function);
                functions.put(method, new BoundFunction(method, module + "." + name + "() for " + describe(iface, method),
                        wrapped));
            }
        } finally {
            CPython.Py_DecRef(moduleObject);
        }
        if (!missing.isEmpty()) {
            functions.values().forEach(BoundFunction::close);
            throw ApiErrors.importFailure("cannot bind " + iface.getName() + " to Python module '" + module
                    + "': it has no function " + String.join(", ", missing));
        }
        return functions;
    }

    static String describe(Class<?> iface, Method method) {
        StringBuilder text = new StringBuilder(iface.getSimpleName()).append('.').append(method.getName()).append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return text.append(')').toString();
    }
}
