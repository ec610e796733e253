package io.pybridge.internal.bind;

import io.pybridge.internal.convert.GenericTypes;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The types of an interface method as one use of the interface sees them: {@code apply(T)} of
 * {@code Function<String, Integer>} takes a {@code String} and returns an {@code Integer}, also when the
 * method is inherited ({@code interface Parser extends Function<String, Integer>}). A type variable that
 * the use leaves open (a raw {@code Function}) becomes the erasure of its bound, {@code Object} mostly,
 * as Java itself erases it. Unlike a conversion target's types ({@code GenericTypes}), a parameter's
 * {@code ? super T} is what it receives: a {@code T}.
 */
final class MethodTypes {
    private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

    /** The bindings of {@code iface}'s type variables, and those of every interface it extends, in {@code use}. */
    MethodTypes(Class<?> iface, Type use) {
        collect(iface, use);
    }

    Type[] parameterTypes(Method method) {
        Type[] types = method.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            types[i] = resolve(types[i]);
        }
        return types;
    }

    Type returnType(Method method) {
        return resolve(method.getGenericReturnType());
    }

    private void collect(Class<?> type, Type use) {
        if (use instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = type.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                bindings.putIfAbsent(variables[i], resolve(arguments[i]));
            }
        }
        for (Type parent : type.getGenericInterfaces()) {
            Class<?> raw = parent instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) parent;
            collect(raw, parent);
        }
    }

    private Type resolve(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound != null ? bound : GenericTypes.erasure(variable);
        }
        if (type instanceof WildcardType wildcard) {
            Type[] lower = wildcard.getLowerBounds();
            return resolve(lower.length > 0 ? lower[0] : wildcard.getUpperBounds()[0]);
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            Type[] resolved = new Type[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                resolved[i] = resolve(arguments[i]);
            }
            return Arrays.equals(arguments, resolved) ? parameterized
                    : GenericTypes.parameterized((Class<?>) parameterized.getRawType(), resolved, parameterized.getOwnerType());
        }
        if (type instanceof GenericArrayType array) {
            Type component = resolve(array.getGenericComponentType());
            return component instanceof Class<?> c ? c.arrayType() : array;
        }
        return type;
    }
}
