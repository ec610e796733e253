package io.pybridge.internal.convert;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Type variables replaced by what a parameterized use binds them to: the component {@code List<T> items}
 * of {@code Page<T>} read as {@code Page<String>} is a {@code List<String>}. An unbound variable (a raw
 * use, {@code as(Page.class)}) becomes the erasure of its first bound: {@code Object}, or
 * {@code Comparable} for {@code T extends Comparable<T>}. Taking the erasure, not the bound itself, is
 * what keeps resolution finite: a bound may name its own variable, directly or through another one.
 */
public final class GenericTypes {

    private GenericTypes() {
    }

    /** The bindings of {@code raw}'s type parameters in {@code use} (empty when {@code use} is the raw class). */
    static Map<TypeVariable<?>, Type> bindings(Class<?> raw, Type use) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (use instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                Type argument = arguments[i];
                bindings.put(variables[i], argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument);
            }
        }
        return bindings;
    }

    /** {@code raw<arguments>} as a {@link ParameterizedType}, for types put together at run time. */
    public static ParameterizedType parameterized(Class<?> raw, Type[] arguments, Type ownerType) {
        return new Resolved(raw, arguments, ownerType);
    }

    /** The erasure of a type variable: that of its first bound, finite even for {@code T extends Comparable<T>}. */
    public static Class<?> erasure(TypeVariable<?> variable) {
        return PythonToJava.raw(variable);
    }

    static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound != null ? bound : PythonToJava.raw(variable);
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments().clone();
            boolean changed = false;
            for (int i = 0; i < arguments.length; i++) {
                Type resolved = resolve(arguments[i], bindings);
                changed |= resolved != arguments[i];
                arguments[i] = resolved;
            }
            return changed ? new Resolved((Class<?>) parameterized.getRawType(), arguments, parameterized.getOwnerType())
                    : parameterized;
        }
        if (type instanceof WildcardType wildcard) {
            return resolve(wildcard.getUpperBounds()[0], bindings);
        }
        if (type instanceof GenericArrayType array) {
            Type component = resolve(array.getGenericComponentType(), bindings);
            if (component instanceof Class<?> c) {
                return c.arrayType();
            }
        }
        return type;
    }

    private record Resolved(Class<?> rawType, Type[] arguments, Type ownerType) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return ownerType;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType p && rawType.equals(p.getRawType())
                    && Objects.equals(ownerType, p.getOwnerType()) && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ Objects.hashCode(ownerType) ^ rawType.hashCode();
        }

        @Override
        public String getTypeName() {
            StringBuilder name = new StringBuilder(rawType.getTypeName()).append('<');
            for (int i = 0; i < arguments.length; i++) {
                name.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
            }
            return name.append('>').toString();
        }

        @Override
        public String toString() {
            return getTypeName();
        }
    }
}
