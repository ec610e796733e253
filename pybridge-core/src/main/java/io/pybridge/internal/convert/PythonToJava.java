package io.pybridge.internal.convert;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.InPlaceScalars;
import io.pybridge.internal.capi.Memory;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.VersionShims;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyStrings;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Python values to Java, either to the natural Java type (target {@code Object}, DESIGN.md's table) or
 * to a typed target. Called with the GIL held; borrows the pointer it is given.
 */
public final class PythonToJava {
    private static final int PY_EQ = 2;
    /** Java classes of natural values: what {@link #natural} can return. */
    private static final List<Class<?>> NATURAL_CLASSES = List.of(Boolean.class, Long.class, BigInteger.class,
            Double.class, String.class, byte[].class, ArrayList.class, LinkedHashMap.class, LinkedHashSet.class,
            PublicFaces.objects().type());

    private PythonToJava() {
    }

    /**
     * Converts {@code object} to {@code target}.
     *
     * @throws io.pybridge.PythonConversionException naming the path and both types when it does not fit
     */
    public static Object convert(ThreadContext ctx, long object, Type target) {
        try {
            return to(ctx, object, target, new ContainerStack());
        } catch (ConversionFailure failure) {
            Class<?> raw = raw(target);
            throw failure.toException(raw.isRecord() ? raw.getSimpleName() : "");
        }
    }

    static Object to(ThreadContext ctx, long object, Type target, ContainerStack stack) {
        Class<?> raw = raw(target);
        if (raw == Object.class) {
            return natural(ctx, object, stack);
        }
        if (raw == PublicFaces.objects().type()) {
            CPython.Py_IncRef(object);
            return PublicFaces.objects().of(PyRef.adopt(ctx, object));
        }
        if (raw == PyRef.class) {
            CPython.Py_IncRef(object);
            return PyRef.adopt(ctx, object);
        }
        if (object == PyConstants.NONE) {
            if (raw == Optional.class) {
                return Optional.empty();
            }
            if (raw.isPrimitive()) {
                throw new ConversionFailure("expected " + raw.getName() + ", got None");
            }
            return null;
        }
        if (raw == String.class || raw == CharSequence.class) {
            requireType(ctx, object, isString(object), "str");
            return string(ctx, object);
        }
        if (raw == long.class || raw == Long.class) {
            return ranged(ctx, object, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) ranged(ctx, object, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        }
        if (raw == short.class || raw == Short.class) {
            return (short) ranged(ctx, object, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) ranged(ctx, object, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        }
        if (raw == double.class || raw == Double.class) {
            return doubleValue(ctx, object, "double");
        }
        if (raw == float.class || raw == Float.class) {
            return floatValue(ctx, object);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (object == PyConstants.TRUE || object == PyConstants.FALSE) {
                return object == PyConstants.TRUE;
            }
            throw mismatch(ctx, object, "bool");
        }
        if (raw == char.class || raw == Character.class) {
            requireType(ctx, object, isString(object), "str of length 1");
            String text = string(ctx, object);
            if (text.length() != 1) {
                throw new ConversionFailure("expected str of length 1, got a str of length " + text.length());
            }
            return text.charAt(0);
        }
        if (raw == PublicFaces.arrays().type()) {
            return PublicFaces.arrays().of(BufferArray.export(ctx, object));
        }
        if (raw == BigInteger.class) {
            Object value = integer(ctx, object);
            return value instanceof Long l ? BigInteger.valueOf(l) : value;
        }
        if (raw == Number.class) {
            if (object == PyConstants.TRUE || object == PyConstants.FALSE) {
                return object == PyConstants.TRUE ? 1L : 0L;
            }
            Object natural = natural(ctx, object, stack);
            if (natural instanceof Number) {
                return natural;
            }
            throw mismatch(ctx, object, "int or float");
        }
        if (raw == byte[].class) {
            return bytes(ctx, object);
        }
        if (raw == Optional.class) {
            return Optional.ofNullable(to(ctx, object, typeArgument(target, 0), stack));
        }
        if (raw.isEnum()) {
            requireType(ctx, object, isString(object), "str naming a " + raw.getSimpleName() + " constant");
            String name = string(ctx, object);
            Enum<?> constant = EnumNames.constant(raw, name);
            if (constant == null) {
                throw new ConversionFailure("'" + name + "' is not a " + raw.getSimpleName() + " constant "
                        + EnumNames.names(raw));
            }
            return constant;
        }
        if (raw == Map.class) {
            return map(ctx, object, typeArgument(target, 0), typeArgument(target, 1), stack);
        }
        if (raw == Set.class) {
            return collection(ctx, object, typeArgument(target, 0), new LinkedHashSet<>(), stack);
        }
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            return collection(ctx, object, typeArgument(target, 0), new ArrayList<>(), stack);
        }
        if (raw.isArray()) {
            return ArraysFromPython.convert(ctx, object, raw, stack);
        }
        if (raw.isRecord()) {
            return RecordsFromPython.convert(ctx, object, raw, target, stack);
        }
        boolean naturalSupertype = isNaturalSupertype(raw);
        if (naturalSupertype) {
            Object natural = natural(ctx, object, stack);
            if (raw.isInstance(natural)) {
                return natural;
            }
            PyRef unused = PublicFaces.objects().refOf(natural);
            if (unused != null) {
                unused.close();
            }
        }
        ConversionExtensions extensions = ConversionExtensions.get();
        Object extended = extensions.fromPython(ctx, object, raw, target, !naturalSupertype && extensions.isProxyTarget(raw));
        if (extended != ConversionExtensions.NOT_HANDLED) {
            return extended;
        }
        throw new ConversionFailure("cannot convert Python " + PythonNames.typeNameOf(ctx, object)
                + " to " + target.getTypeName() + " (no conversion for that Java type)");
    }

    /**
     * Whether {@code type} is an interface some natural value implements ({@code Comparable},
     * {@code Serializable}): such a target, e.g. the erasure of {@code T extends Comparable<T>} in a raw
     * generic record, takes the natural value when it is one.
     */
    static boolean isNaturalSupertype(Class<?> type) {
        if (!type.isInterface()) {
            return false;
        }
        for (Class<?> natural : NATURAL_CLASSES) {
            if (type.isAssignableFrom(natural)) {
                return true;
            }
        }
        return false;
    }

    /** The natural Java value: DESIGN.md's "back to Java" column. */
    static Object natural(ThreadContext ctx, long object, ContainerStack stack) {
        if (object == PyConstants.NONE) {
            return null;
        }
        long type = typeOf(object);
        if (type == PyConstants.BOOL_TYPE) {
            return object == PyConstants.TRUE;
        }
        if (type == PyConstants.LONG_TYPE) {
            return longOrBig(ctx, object);
        }
        if (type == PyConstants.FLOAT_TYPE) {
            return exactFloat(object);
        }
        if (type == PyConstants.UNICODE_TYPE) {
            return string(ctx, object);
        }
        if (type == PyConstants.BYTES_TYPE) {
            return bytes(ctx, object);
        }
        if (type == PyConstants.LIST_TYPE || type == PyConstants.TUPLE_TYPE) {
            return collection(ctx, object, Object.class, new ArrayList<>(), stack);
        }
        if (type == PyConstants.DICT_TYPE) {
            return map(ctx, object, Object.class, Object.class, stack);
        }
        if (type == PyConstants.SET_TYPE || type == PyConstants.FROZENSET_TYPE) {
            return collection(ctx, object, Object.class, new LinkedHashSet<>(), stack);
        }
        long flags = ObjectTypes.flags(type);
        if ((flags & PyConstants.TPFLAGS_LONG_SUBCLASS) != 0) {
            return longOrBig(ctx, object);
        }
        if ((flags & PyConstants.TPFLAGS_UNICODE_SUBCLASS) != 0) {
            return string(ctx, object);
        }
        if ((flags & PyConstants.TPFLAGS_DICT_SUBCLASS) != 0) {
            return map(ctx, object, Object.class, Object.class, stack);
        }
        if ((flags & (PyConstants.TPFLAGS_LIST_SUBCLASS | PyConstants.TPFLAGS_TUPLE_SUBCLASS)) != 0) {
            return collection(ctx, object, Object.class, new ArrayList<>(), stack);
        }
        CPython.Py_IncRef(object);
        return PublicFaces.objects().of(PyRef.adopt(ctx, object));
    }

    /** The type object of {@code object}, borrowed: the object keeps its type alive. */
    static long typeOf(long object) {
        return ObjectTypes.of(object);
    }

    private static long flagsOf(long object) {
        return ObjectTypes.flags(typeOf(object));
    }

    public static boolean isString(long object) {
        return ObjectTypes.isStr(object);
    }

    public static boolean isInt(long object) {
        return ObjectTypes.isInt(object);
    }

    /** A Python str as a Java string, every code unit kept ({@link PyStrings#read}). */
    public static String string(ThreadContext ctx, long text) {
        String value = PyStrings.read(ctx.scratch(), text);
        if (value == null) {
            throw new ConversionFailure("the str cannot be read: " + PythonErrors.fetch(ctx).getMessage());
        }
        return value;
    }

    /**
     * An int (or int subclass) as a Long, or as a BigInteger when it does not fit: the one error
     * {@code PyLong_AsLongLong} can report for an int is OverflowError, cleared here.
     */
    private static Object longOrBig(ThreadContext ctx, long object) {
        long value = CPython.PyLong_AsLongLong(object);
        if (value == -1 && CPython.PyErr_Occurred() != 0) {
            CPython.PyErr_Clear();
            return bigInteger(ctx, object);
        }
        return value;
    }

    private static BigInteger bigInteger(ThreadContext ctx, long object) {
        long hex = CPython.PyNumber_ToBase(object, 16);
        if (hex == 0) {
            throw new ConversionFailure(PythonErrors.fetch(ctx).getMessage());
        }
        try {
            String text = string(ctx, hex);
            boolean negative = text.startsWith("-");
            BigInteger magnitude = new BigInteger(text.substring(negative ? 3 : 2), 16);
            return negative ? magnitude.negate() : magnitude;
        } finally {
            CPython.Py_DecRef(hex);
        }
    }

    /**
     * An int (bool included), or anything with {@code __index__} (numpy integers), as a Long, or a
     * BigInteger when it does not fit one. A float is not an int, whatever its value, as for
     * {@code operator.index}.
     */
    private static Object integer(ThreadContext ctx, long object) {
        if (isInt(object)) {
            return longOrBig(ctx, object);
        }
        long index = CPython.PyNumber_Index(object);
        if (index == 0) {
            CPython.PyErr_Clear();
            throw mismatch(ctx, object, "int");
        }
        try {
            return longOrBig(ctx, index);
        } finally {
            CPython.Py_DecRef(index);
        }
    }

    /** An integer in {@code [min, max]}; anything else is refused, never truncated or wrapped (NumberFit). */
    private static long ranged(ThreadContext ctx, long object, long min, long max, String javaType) {
        if (typeOf(object) == PyConstants.LONG_TYPE) {
            long value = CPython.PyLong_AsLongLong(object);
            if (value == -1 && CPython.PyErr_Occurred() != 0) {
                CPython.PyErr_Clear();
            } else if (value >= min && value <= max) {
                return value;
            }
        }
        Object value = integer(ctx, object);
        if (value instanceof Long l && l >= min && l <= max) {
            return l;
        }
        throw new ConversionFailure(NumberFit.doesNotFit(javaType, PythonNames.typeNameOf(ctx, object),
                NumberFit.integerText(value)));
    }

    /**
     * The value of an exact float, read where the object keeps it: no downcall, and none of the stub of a
     * shape of its own (a double result) that a JVM's first PyFloat_AsDouble makes, some 8 ms.
     */
    private static double exactFloat(long object) {
        InPlaceScalars.prepare();
        return InPlaceScalars.ready() ? InPlaceScalars.floatValue(object) : CPython.PyFloat_AsDouble(object);
    }

    /**
     * A float, an int (bool included) or anything with {@code __float__} (numpy floats) as a double,
     * rounded to nearest; an int beyond double's range is refused (NumberFit). A str or bytes is not
     * parsed: it is not a number.
     */
    private static double doubleValue(ThreadContext ctx, long object, String javaType) {
        if (typeOf(object) == PyConstants.FLOAT_TYPE) {
            return exactFloat(object);
        }
        if (isInt(object)) {
            Object value = longOrBig(ctx, object);
            if (value instanceof Long l) {
                return l;
            }
            BigInteger big = (BigInteger) value;
            if (!NumberFit.fitsDouble(big)) {
                throw new ConversionFailure(NumberFit.doesNotFit(javaType, PythonNames.typeNameOf(ctx, object),
                        NumberFit.integerText(big)));
            }
            return big.doubleValue();
        }
        if (isString(object) || (flagsOf(object) & PyConstants.TPFLAGS_BYTES_SUBCLASS) != 0
                || typeOf(object) == PyConstants.BYTEARRAY_TYPE) {
            throw mismatch(ctx, object, "float");
        }
        long asFloat = CPython.PyNumber_Float(object);
        if (asFloat == 0) {
            RuntimeException error = PythonErrors.fetch(ctx);
            if ("OverflowError".equals(ApiErrors.pythonType(error))) {
                throw new ConversionFailure(NumberFit.doesNotFit(javaType, PythonNames.typeNameOf(ctx, object),
                        valueText(ctx, object)));
            }
            throw mismatch(ctx, object, "float");
        }
        try {
            double value = CPython.PyFloat_AsDouble(asFloat);
            // __float__ of a finite value may give an infinity (Decimal('1e400'), numpy.longdouble):
            // only an infinite value equals its float
            if (Double.isInfinite(value) && CPython.PyObject_RichCompareBool(object, asFloat, PY_EQ) != 1) {
                CPython.PyErr_Clear();
                throw new ConversionFailure(NumberFit.doesNotFit(javaType, PythonNames.typeNameOf(ctx, object),
                        valueText(ctx, object)));
            }
            return value;
        } finally {
            CPython.Py_DecRef(asFloat);
        }
    }

    /** {@link #doubleValue} rounded to a float; a finite value that would become infinite is refused. */
    private static float floatValue(ThreadContext ctx, long object) {
        double value = doubleValue(ctx, object, "float");
        if (!NumberFit.fitsFloat(value)) {
            throw new ConversionFailure(NumberFit.doesNotFit("float", PythonNames.typeNameOf(ctx, object),
                    valueText(ctx, object)));
        }
        return (float) value;
    }

    /** {@code str(object)} for a message, shortened; only on error paths. */
    private static String valueText(ThreadContext ctx, long object) {
        if (isInt(object)) {
            return NumberFit.integerText(longOrBig(ctx, object));
        }
        long text = CPython.PyObject_Str(object);
        if (text == 0) {
            CPython.PyErr_Clear();
            return "(str() failed)";
        }
        try {
            String value = PyStrings.read(ctx.scratch(), text);
            if (value == null) {
                CPython.PyErr_Clear();
                return "(str() failed)";
            }
            return value.length() > 60 ? value.substring(0, 57) + "..." : value;
        } finally {
            CPython.Py_DecRef(text);
        }
    }

    private static byte[] bytes(ThreadContext ctx, long object) {
        if ((flagsOf(object) & PyConstants.TPFLAGS_BYTES_SUBCLASS) != 0) {
            return bytesOf(ctx, object);
        }
        long asBytes = bytesFromBuffer(ctx, object);
        try {
            return bytesOf(ctx, asBytes);
        } finally {
            CPython.Py_DecRef(asBytes);
        }
    }

    /** {@code bytes(object)} for anything with the buffer protocol (bytearray, memoryview, array). */
    private static long bytesFromBuffer(ThreadContext ctx, long object) {
        if (isString(object) || isInt(object)) {
            throw mismatch(ctx, object, "bytes");
        }
        NativeScratch scratch = ctx.scratch();
        long vector = scratch.words(2) + 8;
        NativeScratch.putWord(vector, 0, object);
        long result = CPython.PyObject_Vectorcall(PyConstants.BYTES_TYPE, vector, 1L | (1L << 63), 0);
        if (result == 0) {
            CPython.PyErr_Clear();
            throw mismatch(ctx, object, "bytes or a buffer");
        }
        return result;
    }

    private static byte[] bytesOf(ThreadContext ctx, long bytes) {
        NativeScratch scratch = ctx.scratch();
        long slots = scratch.words(2);
        if (CPython.PyBytes_AsStringAndSize(bytes, slots, slots + 8) != 0) {
            throw new ConversionFailure(PythonErrors.fetch(ctx).getMessage());
        }
        return Memory.copyBytes(NativeScratch.getWord(slots, 0), NativeScratch.getWord(slots, 1));
    }

    static <C extends Collection<Object>> C collection(ThreadContext ctx, long object, Type element,
                                                               C out, ContainerStack stack) {
        long type = typeOf(object);
        if (isString(object) || type == PyConstants.BYTES_TYPE || type == PyConstants.DICT_TYPE) {
            throw mismatch(ctx, object, out instanceof Set ? "set or iterable" : "list, tuple or iterable");
        }
        stack.push(object);
        try {
            if (type == PyConstants.LIST_TYPE || type == PyConstants.TUPLE_TYPE) {
                boolean list = type == PyConstants.LIST_TYPE;
                for (long i = 0; i < (list ? CPython.PyList_Size(object) : CPython.PyTuple_Size(object)); i++) {
                    long item = VersionShims.sequenceItem(object, i, list);
                    if (item == 0) {
                        break;
                    }
                    try {
                        out.add(to(ctx, item, element, stack));
                    } catch (ConversionFailure f) {
                        throw f.at("[" + i + "]");
                    } finally {
                        CPython.Py_DecRef(item);
                    }
                }
                return out;
            }
            long iterator = CPython.PyObject_GetIter(object);
            if (iterator == 0) {
                CPython.PyErr_Clear();
                throw mismatch(ctx, object, out instanceof Set ? "set or iterable" : "list, tuple or iterable");
            }
            try {
                long index = 0;
                for (long item; (item = CPython.PyIter_Next(iterator)) != 0; index++) {
                    try {
                        out.add(to(ctx, item, element, stack));
                    } catch (ConversionFailure f) {
                        throw f.at("[" + index + "]");
                    } finally {
                        CPython.Py_DecRef(item);
                    }
                }
                if (CPython.PyErr_Occurred() != 0) {
                    throw PythonErrors.fetch(ctx);
                }
                return out;
            } finally {
                CPython.Py_DecRef(iterator);
            }
        } finally {
            stack.pop();
        }
    }

    private static Map<Object, Object> map(ThreadContext ctx, long object, Type keyType, Type valueType,
                                           ContainerStack stack) {
        if ((flagsOf(object) & PyConstants.TPFLAGS_DICT_SUBCLASS) == 0) {
            return mappingByItems(ctx, object, keyType, valueType, stack);
        }
        stack.push(object);
        try {
            Map<Object, Object> out = new LinkedHashMap<>();
            NativeScratch scratch = ctx.scratch();
            long slots = scratch.words(3);
            NativeScratch.putWord(slots, 0, 0);
            long section = VersionShims.beginCriticalSection(object, scratch);
            try {
                while (CPython.PyDict_Next(object, slots, slots + 8, slots + 16) != 0) {
                    long key = NativeScratch.getWord(slots, 1);
                    long value = NativeScratch.getWord(slots, 2);
                    if (isPlainScalar(key) && isPlainScalar(value)) {
                        // Converting these runs no Python code, so the dict cannot change and keeps them alive
                        // (with a GIL, or inside the critical section on a free-threaded build).
                        put(ctx, out, key, value, keyType, valueType, stack);
                        continue;
                    }
                    CPython.Py_IncRef(key);
                    CPython.Py_IncRef(value);
                    try {
                        put(ctx, out, key, value, keyType, valueType, stack);
                    } finally {
                        CPython.Py_DecRef(key);
                        CPython.Py_DecRef(value);
                    }
                }
            } finally {
                VersionShims.endCriticalSection(section);
            }
            return out;
        } finally {
            stack.pop();
        }
    }

    /** None, or an exact bool, int, float or str: values whose conversion never runs Python code. */
    private static boolean isPlainScalar(long object) {
        if (object == PyConstants.NONE) {
            return true;
        }
        long type = typeOf(object);
        return type == PyConstants.UNICODE_TYPE || type == PyConstants.LONG_TYPE || type == PyConstants.FLOAT_TYPE
                || type == PyConstants.BOOL_TYPE;
    }

    /** Any other mapping: read through its {@code items()}. */
    private static Map<Object, Object> mappingByItems(ThreadContext ctx, long object, Type keyType, Type valueType,
                                                      ContainerStack stack) {
        long items = CPython.PyObject_GetAttr(object, PythonNames.of(ctx, "items"));
        if (items == 0) {
            CPython.PyErr_Clear();
            throw mismatch(ctx, object, "dict or mapping");
        }
        long pairs = CPython.PyObject_CallNoArgs(items);
        CPython.Py_DecRef(items);
        if (pairs == 0) {
            throw new ConversionFailure("items() failed: " + PythonErrors.fetch(ctx).getMessage());
        }
        stack.push(object);
        try {
            List<Object> entries = collection(ctx, pairs, PyRef.class, new ArrayList<>(), stack);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object entry : entries) {
                try (PyRef pair = (PyRef) entry) {
                    long pairPointer = pair.pointer();
                    if (typeOf(pairPointer) != PyConstants.TUPLE_TYPE || CPython.PyTuple_Size(pairPointer) != 2) {
                        throw new ConversionFailure("items() of " + PythonNames.typeNameOf(ctx, object)
                                + " did not give (key, value) pairs");
                    }
                    put(ctx, out, CPython.PyTuple_GetItem(pairPointer, 0), CPython.PyTuple_GetItem(pairPointer, 1),
                            keyType, valueType, stack);
                }
            }
            return out;
        } finally {
            stack.pop();
            CPython.Py_DecRef(pairs);
        }
    }

    private static void put(ThreadContext ctx, Map<Object, Object> out, long key, long value, Type keyType,
                            Type valueType, ContainerStack stack) {
        Object javaKey;
        try {
            javaKey = to(ctx, key, keyType, stack);
        } catch (ConversionFailure f) {
            throw f.at("<key>");
        }
        try {
            out.put(javaKey, to(ctx, value, valueType, stack));
        } catch (ConversionFailure f) {
            throw f.at(javaKey instanceof String s ? "['" + s + "']" : "[" + javaKey + "]");
        }
    }

    private static void requireType(ThreadContext ctx, long object, boolean matches, String expected) {
        if (!matches) {
            throw mismatch(ctx, object, expected);
        }
    }

    static ConversionFailure mismatch(ThreadContext ctx, long object, String expected) {
        return new ConversionFailure("expected " + expected + ", got " + PythonNames.typeNameOf(ctx, object));
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        if (type instanceof GenericArrayType a) {
            return raw(a.getGenericComponentType()).arrayType();
        }
        throw new IllegalArgumentException("unsupported conversion target type " + type.getTypeName());
    }

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            return argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        return Object.class;
    }
}
