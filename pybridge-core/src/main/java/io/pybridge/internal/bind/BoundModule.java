package io.pybridge.internal.bind;

import io.pybridge.internal.convert.PyRef;


import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The invocation handler behind a bound interface: abstract methods call their Python functions,
 * {@code default} methods run as Java, and {@code equals}/{@code hashCode}/{@code toString} are those of
 * the proxy itself (identity, and a description naming the interface and the module or object).
 */
final class BoundModule implements InvocationHandler {
    private final String description;
    private final Map<Method, BoundFunction> functions;
    private final AsyncCalls async;
    /** idioms: the Python object a proxy made by {@link ObjectBinder} stands for; null for a module. */
    private final PyRef target;

    BoundModule(Class<?> iface, String module, Map<Method, BoundFunction> functions, AsyncCalls async) {
        this(iface.getSimpleName() + " bound to Python module '" + module + "'", functions, async, null);
    }

    BoundModule(String description, Map<Method, BoundFunction> functions, AsyncCalls async, PyRef target) {
        this.description = description;
        this.functions = functions;
        this.async = async;
        this.target = target;
    }

    PyRef target() {
        return target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        BoundFunction function = functions.get(method);
        if (function != null) {
            return function.invoke(args, async);
        }
        if (method.isDefault()) {
            return invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> description;
            default -> throw new UnsupportedOperationException(method + " is not bound to Python");
        };
    }

    /**
     * Runs a default method. {@link InvocationHandler#invokeDefault} needs the interface to be accessible
     * from here; a non-public one (declared inside the caller's package) is reached through a private
     * lookup, which works for any interface on the class path and in packages open to PyBridge.
     */
    private static Object invokeDefault(Object proxy, Method method, Object[] args) throws Throwable {
        try {
            return InvocationHandler.invokeDefault(proxy, method, args);
        } catch (IllegalAccessException inaccessible) {
            Class<?> declaring = method.getDeclaringClass();
            MethodHandle handle = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup())
                    .unreflectSpecial(method, declaring);
            Object[] all = new Object[(args == null ? 0 : args.length) + 1];
            all[0] = proxy;
            if (args != null) {
                System.arraycopy(args, 0, all, 1, args.length);
            }
            return handle.invokeWithArguments(all);
        }
    }
}
