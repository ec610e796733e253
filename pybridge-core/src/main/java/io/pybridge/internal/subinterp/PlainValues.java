package io.pybridge.internal.subinterp;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.runtime.ThreadContext;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.Memory;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.VersionShims;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyStrings;
import io.pybridge.internal.convert.NumberFit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain data into and out of a sub-interpreter: {@code None}, {@code bool}, {@code int}, {@code float},
 * {@code str}, {@code bytes}, {@code list} / {@code tuple}, {@code dict}, {@code set} / {@code frozenset}.
 *
 * <p>Sub-interpreters with their own GIL share no objects, so everything that crosses is built anew
 * on the other side. The core converters cannot be used here: they cache objects of the main
 * interpreter (interned names) and hand out {@code PyRef}s, which belong to the main interpreter.
 * This class touches only static built-in types, which every interpreter shares, and creates or reads
 * objects of whichever interpreter the calling thread is attached to.
 */
final class PlainValues {
    static final String SUPPORTED = "null, Boolean, Integer, Long, Short, Byte, BigInteger, Float, Double, String, "
            + "byte[], List (or any Collection), Set, Map";
    private static final int MAX_DEPTH = 200;

    private PlainValues() {
    }

    /**
     * Checks, in Java alone, that {@code value} is plain data, so that a bad argument fails the call at
     * once rather than on a worker.
     */
    static void requirePlain(Object value, String where) {
        requirePlain(value, where, 0);
    }

    private static void requirePlain(Object value, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(where + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof Double || value instanceof Float || value instanceof String
                || value instanceof byte[]) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                requirePlain(entry.getKey(), where + " key", depth + 1);
                requirePlain(entry.getValue(), where + "[" + entry.getKey() + "]", depth + 1);
            }
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                requirePlain(item, where + "[" + i++ + "]", depth + 1);
            }
            return;
        }
        throw notPlain(value, where);
    }

    private static IllegalArgumentException notPlain(Object value, String where) {
        return new IllegalArgumentException(where + " is a " + value.getClass().getName() + ", which cannot enter a "
                + "sub-interpreter: they share no objects, so only plain data crosses (" + SUPPORTED + ")");
    }

    /** A new reference to {@code value} built in the current interpreter. */
    static long toPython(ThreadContext ctx, Object value, String where) {
        return toPython(ctx, value, where, 0);
    }

    private static long toPython(ThreadContext ctx, Object value, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(where + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null) {
            CPython.Py_IncRef(PyConstants.NONE);
            return PyConstants.NONE;
        }
        if (value instanceof Boolean flag) {
            long object = flag ? PyConstants.TRUE : PyConstants.FALSE;
            CPython.Py_IncRef(object);
            return object;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return created(CPython.PyLong_FromLongLong(((Number) value).longValue()));
        }
        if (value instanceof BigInteger big) {
            NativeScratch scratch = ctx.scratch();
            long mark = scratch.mark();
            try {
                return created(CPython.PyLong_FromString(scratch.cString(big.toString(16)), 0, 16));
            } finally {
                scratch.release(mark);
            }
        }
        if (value instanceof Double || value instanceof Float) {
            return created(CPython.PyFloat_FromDouble(((Number) value).doubleValue()));
        }
        if (value instanceof String text) {
            return created(PyStrings.newStr(ctx.scratch(), text));
        }
        if (value instanceof byte[] bytes) {
            return withBytes(ctx, bytes, (address, length) -> CPython.PyBytes_FromStringAndSize(address, length));
        }
        if (value instanceof Map<?, ?> map) {
            long dict = created(CPython.PyDict_New());
            try {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    long key = toPython(ctx, entry.getKey(), where + " key", depth + 1);
                    try {
                        long item = toPython(ctx, entry.getValue(), where + "[" + entry.getKey() + "]", depth + 1);
                        try {
                            if (CPython.PyDict_SetItem(dict, key, item) != 0) {
                                throw failed(where + " key " + entry.getKey());
                            }
                        } finally {
                            CPython.Py_DecRef(item);
                        }
                    } finally {
                        CPython.Py_DecRef(key);
                    }
                }
                return dict;
            } catch (RuntimeException e) {
                CPython.Py_DecRef(dict);
                throw e;
            }
        }
        if (value instanceof Set<?> set) {
            long pySet = created(CPython.PySet_New(0));
            try {
                for (Object element : set) {
                    long item = toPython(ctx, element, where + " element", depth + 1);
                    try {
                        if (CPython.PySet_Add(pySet, item) != 0) {
                            throw failed(where + " element " + element);
                        }
                    } finally {
                        CPython.Py_DecRef(item);
                    }
                }
                return pySet;
            } catch (RuntimeException e) {
                CPython.Py_DecRef(pySet);
                throw e;
            }
        }
        if (value instanceof Collection<?> items) {
            long list = created(CPython.PyList_New(items.size()));
            try {
                int i = 0;
                for (Object element : items) {
                    CPython.PyList_SetItem(list, i, toPython(ctx, element, where + "[" + i + "]", depth + 1));
                    i++;
                }
                return list;
            } catch (RuntimeException e) {
                CPython.Py_DecRef(list);
                throw e;
            }
        }
        throw notPlain(value, where);
    }

    /**
     * {@code object} (borrowed, of the current interpreter) as plain Java data: {@code Long} or
     * {@code BigInteger}, {@code Double}, {@code Boolean}, {@code String}, {@code byte[]}, {@code List},
     * {@code Map}, {@code Set}, or {@code null}.
     */
    static Object toJava(ThreadContext ctx, long object, String where) {
        return toJava(ctx, object, where, 0);
    }

    private static Object toJava(ThreadContext ctx, long object, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiErrors.conversion(where, "nested deeper than " + MAX_DEPTH + " levels", null);
        }
        if (object == PyConstants.NONE) {
            return null;
        }
        if (object == PyConstants.TRUE || object == PyConstants.FALSE) {
            return object == PyConstants.TRUE;
        }
        long type = ObjectTypes.of(object);
        long flags = ObjectTypes.flags(type);
        if ((flags & PyConstants.TPFLAGS_LONG_SUBCLASS) != 0) {
            return integer(ctx, object, where);
        }
        if (type == PyConstants.FLOAT_TYPE) {
            return CPython.PyFloat_AsDouble(object);
        }
        if ((flags & PyConstants.TPFLAGS_UNICODE_SUBCLASS) != 0) {
            return string(ctx, object, where);
        }
        if ((flags & PyConstants.TPFLAGS_BYTES_SUBCLASS) != 0) {
            NativeScratch scratch = ctx.scratch();
            long mark = scratch.mark();
            try {
                long slots = scratch.words(2);
                if (CPython.PyBytes_AsStringAndSize(object, slots, slots + 8) != 0) {
                    throw conversionFailed(where);
                }
                return Memory.copyBytes(NativeScratch.getWord(slots, 0), NativeScratch.getWord(slots, 1));
            } finally {
                scratch.release(mark);
            }
        }
        if ((flags & (PyConstants.TPFLAGS_LIST_SUBCLASS | PyConstants.TPFLAGS_TUPLE_SUBCLASS)) != 0) {
            boolean list = (flags & PyConstants.TPFLAGS_LIST_SUBCLASS) != 0;
            long size = list ? CPython.PyList_Size(object) : CPython.PyTuple_Size(object);
            List<Object> out = new ArrayList<>((int) size);
            for (long i = 0; i < size; i++) {
                long item = VersionShims.sequenceItem(object, i, list);
                if (item == 0) {
                    break;
                }
                try {
                    out.add(toJava(ctx, item, where + "[" + i + "]", depth + 1));
                } finally {
                    CPython.Py_DecRef(item);
                }
            }
            return out;
        }
        if ((flags & PyConstants.TPFLAGS_DICT_SUBCLASS) != 0) {
            Map<Object, Object> out = new LinkedHashMap<>();
            NativeScratch scratch = ctx.scratch();
            long mark = scratch.mark();
            try {
                long slots = scratch.words(3);
                NativeScratch.putWord(slots, 0, 0);
                long section = VersionShims.beginCriticalSection(object, scratch);
                try {
                    while (CPython.PyDict_Next(object, slots, slots + 8, slots + 16) != 0) {
                        long key = NativeScratch.getWord(slots, 1);
                        long value = NativeScratch.getWord(slots, 2);
                        CPython.Py_IncRef(key);
                        CPython.Py_IncRef(value);
                        try {
                            Object javaKey = toJava(ctx, key, where + " key", depth + 1);
                            out.put(javaKey, toJava(ctx, value, where + "[" + javaKey + "]", depth + 1));
                        } finally {
                            CPython.Py_DecRef(key);
                            CPython.Py_DecRef(value);
                        }
                    }
                } finally {
                    VersionShims.endCriticalSection(section);
                }
            } finally {
                scratch.release(mark);
            }
            return out;
        }
        if (type == PyConstants.SET_TYPE || type == PyConstants.FROZENSET_TYPE) {
            Set<Object> out = new LinkedHashSet<>();
            long iterator = CPython.PyObject_GetIter(object);
            if (iterator == 0) {
                throw conversionFailed(where);
            }
            try {
                long item;
                while ((item = CPython.PyIter_Next(iterator)) != 0) {
                    try {
                        out.add(toJava(ctx, item, where + " element", depth + 1));
                    } finally {
                        CPython.Py_DecRef(item);
                    }
                }
                if (CPython.PyErr_Occurred() != 0) {
                    throw conversionFailed(where);
                }
            } finally {
                CPython.Py_DecRef(iterator);
            }
            return out;
        }
        throw ApiErrors.conversion(where, "a " + typeName(ctx, type) + " cannot leave a sub-interpreter: they "
                + "share no objects, so only plain data crosses (None, bool, int, float, str, bytes, list, tuple, dict, "
                + "set, frozenset)", null);
    }

    /**
     * {@code value} (from {@link #toJava}) as {@code type}: the same object when it is one already, an
     * {@code int} (or bool) that fits as {@code Integer}, any integer as {@code BigInteger}, or as
     * {@code Double} when it is within double's range (NumberFit's rule).
     */
    static Object as(Object value, Class<?> type, String where) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        if (value instanceof Boolean flag && Number.class.isAssignableFrom(type)) {
            return as(flag ? 1L : 0L, type, where); // bool is the int 0 or 1 to a number type, as in Python
        }
        if (value instanceof Long n) {
            if (type == Integer.class) {
                if (n != n.intValue()) {
                    throw ApiErrors.conversion(where, NumberFit.doesNotFit("int", "int", n.toString()), null);
                }
                return n.intValue();
            }
            if (type == BigInteger.class) {
                return BigInteger.valueOf(n);
            }
            if (type == Double.class) {
                return n.doubleValue();
            }
        }
        if (value instanceof BigInteger big && type == Double.class) {
            if (!NumberFit.fitsDouble(big)) {
                throw ApiErrors.conversion(where, NumberFit.doesNotFit("double", "int",
                        NumberFit.integerText(big)), null);
            }
            return big.doubleValue();
        }
        if (value instanceof BigInteger big && (type == Integer.class || type == Long.class)) {
            throw ApiErrors.conversion(where, NumberFit.doesNotFit(type == Integer.class ? "int" : "long",
                    "int", NumberFit.integerText(big)), null);
        }
        throw ApiErrors.conversion(where, "a " + value.getClass().getSimpleName() + " ("
                + abbreviated(value) + ") cannot be a " + type.getSimpleName(), null);
    }

    private static String abbreviated(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static Object integer(ThreadContext ctx, long object, String where) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long overflow = scratch.words(1);
            long value = CPython.PyLong_AsLongLongAndOverflow(object, overflow);
            if (Memory.getInt(overflow) == 0) {
                if (value == -1 && CPython.PyErr_Occurred() != 0) {
                    throw conversionFailed(where);
                }
                return value;
            }
            long hex = CPython.PyNumber_ToBase(object, 16);
            if (hex == 0) {
                throw conversionFailed(where);
            }
            try {
                String text = string(ctx, hex, where);
                boolean negative = text.startsWith("-");
                BigInteger magnitude = new BigInteger(text.substring(negative ? 3 : 2), 16);
                return negative ? magnitude.negate() : magnitude;
            } finally {
                CPython.Py_DecRef(hex);
            }
        } finally {
            scratch.release(mark);
        }
    }

    static String string(ThreadContext ctx, long text, String where) {
        String value = PyStrings.read(ctx.scratch(), text);
        if (value == null) {
            throw conversionFailed(where);
        }
        return value;
    }

    private static String typeName(ThreadContext ctx, long type) {
        if (!CPython.has_PyType_GetQualName()) {
            return "object of an unsupported type";
        }
        long name = CPython.PyType_GetQualName(type);
        if (name == 0) {
            CPython.PyErr_Clear();
            return "object of an unsupported type";
        }
        try {
            return string(ctx, name, "type name");
        } catch (RuntimeException e) {
            if (ApiErrors.conversionPath(e) == null) {
                throw e;
            }
            return "object of an unsupported type";
        } finally {
            CPython.Py_DecRef(name);
        }
    }

    private interface FromBytes {
        long create(long address, long length);
    }

    private static long withBytes(ThreadContext ctx, byte[] bytes, FromBytes factory) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            return created(factory.create(scratch.bytes(bytes), bytes.length));
        } finally {
            scratch.release(mark);
        }
    }

    private static long created(long object) {
        if (object == 0) {
            throw failed("a value");
        }
        return object;
    }

    private static IllegalStateException failed(String what) {
        CPython.PyErr_Clear();
        return new IllegalStateException("Python could not build " + what + " in the sub-interpreter (out of memory?)");
    }

    private static RuntimeException conversionFailed(String where) {
        CPython.PyErr_Clear();
        return ApiErrors.conversion(where, "the value could not be read", null);
    }
}
