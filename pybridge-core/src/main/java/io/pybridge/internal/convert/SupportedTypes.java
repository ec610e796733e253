package io.pybridge.internal.convert;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which declared Java types the conversions handle, checked ahead of time (when an interface is bound
 * to a Python module) so that an unsupported type fails once, at bind time, instead of at every call.
 * It mirrors {@link JavaToPython} for values going to Python and {@link PythonToJava} for values coming
 * back. A record's shape (its accessors and canonical constructor as method handles) is made here, once
 * its components pass: a record PyBridge cannot reach fails the bind, not the first call, and the first
 * call does not pay for the handles (20-30 ms a record shape while the JDK's code runs interpreted).
 */
public final class SupportedTypes {
    private static final Set<Class<?>> SCALARS = Set.of(
            boolean.class, byte.class, short.class, int.class, long.class, float.class, double.class, char.class,
            Boolean.class, Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
            Character.class, String.class, BigInteger.class, Number.class, Object.class, PyRef.class, byte[].class);
    private static final List<Class<?>> FUNCTIONS = List.of(Runnable.class, Supplier.class, Function.class,
            BiFunction.class, Consumer.class, BiConsumer.class);

    private SupportedTypes() {
    }

    /** A type that converts as one value: a scalar, or the public faces of a Python object or array. */
    private static boolean isScalar(Class<?> raw) {
        return SCALARS.contains(raw) || raw == PublicFaces.objects().type() || raw == PublicFaces.arrays().type();
    }

    /** Why values of {@code type} cannot be passed to Python, or empty when they can. */
    public static Optional<String> problemAsArgument(Type type) {
        return Optional.ofNullable(argument(type, new HashSet<>()));
    }

    /** Why a Python value cannot be converted to {@code type}, or empty when it can. */
    public static Optional<String> problemAsResult(Type type) {
        return Optional.ofNullable(result(type, new HashSet<>()));
    }

    private static String argument(Type type, Set<Class<?>> records) {
        if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return unsupported(type, "a type variable or wildcard cannot be converted; declare a concrete type");
        }
        if (type instanceof GenericArrayType array) {
            return argument(array.getGenericComponentType(), records);
        }
        Class<?> raw = PythonToJava.raw(type);
        if (isScalar(raw) || raw == Path.class || raw.isEnum()) {
            return null;
        }
        if (raw.isArray()) {
            return argument(raw.componentType(), records);
        }
        if (raw == Optional.class) {
            return argument(PythonToJava.typeArgument(type, 0), records);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return first(argument(PythonToJava.typeArgument(type, 0), records),
                    argument(PythonToJava.typeArgument(type, 1), records));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return argument(PythonToJava.typeArgument(type, 0), records);
        }
        if (FUNCTIONS.contains(raw) || PythonToJava.isNaturalSupertype(raw)) {
            return null;
        }
        if (ConversionExtensions.get().isArgumentType(raw)) {
            return argument(PythonToJava.typeArgument(type, 0), records);
        }
        if (raw.isRecord()) {
            return record(raw, type, records, true);
        }
        return unsupported(type, "Java values of this type cannot be passed to Python");
    }

    private static String result(Type type, Set<Class<?>> records) {
        if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return unsupported(type, "a type variable or wildcard cannot be a conversion target; declare a concrete type");
        }
        if (type instanceof GenericArrayType array) {
            return result(array.getGenericComponentType(), records);
        }
        Class<?> raw = PythonToJava.raw(type);
        if (isScalar(raw) || raw == CharSequence.class || raw.isEnum()) {
            return null;
        }
        if (raw.isArray()) {
            return result(raw.componentType(), records);
        }
        if (raw == Optional.class || raw == List.class || raw == Collection.class || raw == Iterable.class
                || raw == Set.class) {
            return result(PythonToJava.typeArgument(type, 0), records);
        }
        if (raw == Map.class) {
            return first(result(PythonToJava.typeArgument(type, 0), records),
                    result(PythonToJava.typeArgument(type, 1), records));
        }
        if (raw.isRecord()) {
            return record(raw, type, records, false);
        }
        if (PythonToJava.isNaturalSupertype(raw)) {
            return null;
        }
        if (ConversionExtensions.get().isIterationTarget(raw)) {
            return result(PythonToJava.typeArgument(type, 0), records);
        }
        if (ConversionExtensions.get().isProxyTarget(raw)) {
            return null;
        }
        String hint = Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                ? "declare the interface (List, Set, Collection, Iterable or Map), not an implementation"
                : "supported are primitives and their boxes, String, BigInteger, byte[], arrays, List, Set, Map, "
                + "Optional, enums, records, NDArray, PyObject and Object";
        return unsupported(type, hint);
    }

    /**
     * A record's components, each as an argument or a result as the record is, then its shape; a record
     * already being checked (a recursive one) passes here.
     */
    private static String record(Class<?> raw, Type type, Set<Class<?>> records, boolean asArgument) {
        if (!records.add(raw)) {
            return null;
        }
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(raw, type);
        for (var component : raw.getRecordComponents()) {
            Type componentType = GenericTypes.resolve(component.getGenericType(), bindings);
            String problem = asArgument ? argument(componentType, records) : result(componentType, records);
            if (problem != null) {
                return problem + " (component " + raw.getSimpleName() + "." + component.getName() + ")";
            }
        }
        return RecordShape.prepare(raw);
    }

    private static String unsupported(Type type, String why) {
        return type.getTypeName() + " is not supported: " + why;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
