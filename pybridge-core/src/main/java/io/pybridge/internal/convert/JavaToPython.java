package io.pybridge.internal.convert;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyStrings;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.ref.Reference;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java values to new Python references, following DESIGN.md's table. Every method is called with the
 * GIL held and returns a new reference the caller owns, or throws leaving nothing behind.
 */
public final class JavaToPython {
    static final int MAX_DEPTH = 1000;

    private JavaToPython() {
    }

    /**
     * Converts {@code value}; on failure throws {@link io.pybridge.PythonConversionException} whose path
     * starts with {@code what} (e.g. "value of attribute x").
     */
    public static long convert(ThreadContext ctx, Object value, String what) {
        try {
            return toPython(ctx, value, null, 0);
        } catch (ConversionFailure failure) {
            throw failure.toException(what);
        }
    }

    /** Converts the {@code index}-th (0-based) call argument. */
    public static long convertArgument(ThreadContext ctx, Object value, int index) {
        try {
            return toPython(ctx, value, null, 0);
        } catch (ConversionFailure failure) {
            throw failure.toException("argument " + (index + 1));
        }
    }

    /**
     * The object a call may pass for {@code value} without a reference of its own, borrowed for the
     * call's length (a vectorcall's arguments are borrowed): None, True and False, and the ints from
     * {@value SharedInts#MIN} to {@value SharedInts#MAX}, of which CPython keeps one object each for the
     * life of the process (static objects in 3.11, immortal from 3.12); 0 for any other value. Saves a new
     * reference and its drop per such argument. The caller holds the GIL.
     */
    static long sharedArgument(Object value) {
        if (value == null) {
            return PyConstants.NONE;
        }
        if (value instanceof Boolean flag) {
            return flag ? PyConstants.TRUE : PyConstants.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            return number >= SharedInts.MIN && number <= SharedInts.MAX ? SharedInts.of((int) number) : 0;
        }
        return 0;
    }

    /** Where CPython keeps its small ints, learnt one by one on first use. */
    private static final class SharedInts {
        static final int MIN = -5;
        static final int MAX = 256;
        /** 0: not asked yet; -1: the interpreter keeps no single object for it. */
        private static final long[] OBJECTS = new long[MAX - MIN + 1];

        /**
         * CPython's own object for {@code number}, or 0 where it keeps none: an int that two requests give
         * as the same object is its cached one (a fresh object could not be, while the first is held).
         */
        static long of(int number) {
            long object = OBJECTS[number - MIN];
            if (object == 0) {
                object = singleton(number);
                OBJECTS[number - MIN] = object;
            }
            return object > 0 ? object : 0;
        }

        private static long singleton(int number) {
            long first = CPython.PyLong_FromLongLong(number);
            long second = CPython.PyLong_FromLongLong(number);
            if (first == 0 || second == 0) {
                CPython.PyErr_Clear();
            }
            if (first != 0) {
                ObjectTypes.dropLeaf(first);
            }
            if (second != 0) {
                ObjectTypes.dropLeaf(second);
            }
            return first != 0 && first == second ? first : -1;
        }
    }

    /**
     * Whether {@code value} converts to a new int, float, str, bytes, bool or None that only the bridge
     * references: releasing such an object runs no Python code.
     */
    public static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Double || value instanceof Boolean || value instanceof Float || value instanceof Short
                || value instanceof Byte || value instanceof Character || value instanceof byte[];
    }

    static long toPython(ThreadContext ctx, Object value, IdentityHashMap<Object, Boolean> inProgress, int depth) {
        if (value == null) {
            return newReference(PyConstants.NONE);
        }
        PyRef object = value instanceof PyRef ref ? ref : PublicFaces.objects().refOf(value);
        if (object != null) {
            long pointer = object.pointer();
            CPython.Py_IncRef(pointer);
            Reference.reachabilityFence(object);
            return pointer;
        }
        if (value instanceof String text) {
            return string(ctx, text);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return checked(ctx, CPython.PyLong_FromLongLong(((Number) value).longValue()));
        }
        if (value instanceof Boolean flag) {
            return newReference(flag ? PyConstants.TRUE : PyConstants.FALSE);
        }
        if (value instanceof Double || value instanceof Float) {
            return checked(ctx, CPython.PyFloat_FromDouble(((Number) value).doubleValue()));
        }
        if (value instanceof Character c) {
            return string(ctx, String.valueOf(c));
        }
        if (value instanceof BigInteger big) {
            return bigInteger(ctx, big);
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? toPython(ctx, optional.get(), inProgress, depth) : newReference(PyConstants.NONE);
        }
        if (value instanceof Path path) {
            return string(ctx, path.toString());
        }
        if (value instanceof Enum<?> constant) {
            return string(ctx, EnumNames.pythonName(constant));
        }
        if (value instanceof byte[] bytes) {
            return bytes(ctx, bytes);
        }
        BufferArray array = PublicFaces.arrays().bufferOf(value);
        if (array != null) {
            return array.newReferenceToSource();
        }
        if (value instanceof CallableArgument argument) {
            return JavaCallables.toPython(ctx, argument);
        }
        if (ArraysToPython.handles(value)) {
            return ArraysToPython.convert(ctx, value);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]
                || value instanceof Record) {
            return container(ctx, value, inProgress == null ? new IdentityHashMap<>() : inProgress, depth);
        }
        long extended = ConversionExtensions.get().toPython(ctx, value);
        if (extended != 0) {
            return extended;
        }
        if (JavaCallables.handles(value)) {
            return JavaCallables.toPython(ctx, value);
        }
        throw new ConversionFailure("cannot convert " + value.getClass().getName() + " to Python (supported: null, "
                + "Boolean, numbers, BigInteger, String, Character, Path, enums, byte[], primitive arrays, NDArray, "
                + "Optional, Map, Set, List, other Collections, Object[], records, Runnable, Supplier, Function, "
                + "BiFunction, Consumer, BiConsumer, Iterator, Iterable, Stream, CompletionStage, PyObject)");
    }

    private static long container(ThreadContext ctx, Object value, IdentityHashMap<Object, Boolean> inProgress, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new ConversionFailure("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (inProgress.put(value, Boolean.TRUE) != null) {
            throw new ConversionFailure("the " + value.getClass().getSimpleName()
                    + " contains itself; a cycle cannot be converted to Python");
        }
        try {
            if (value instanceof Map<?, ?> map) {
                return dict(ctx, map, inProgress, depth);
            }
            if (value instanceof Record record) {
                return RecordsToPython.toDict(ctx, record, component -> toPython(ctx, component, inProgress, depth + 1));
            }
            if (value instanceof Set<?> set) {
                return set(ctx, set, inProgress, depth);
            }
            Collection<?> items = value instanceof Collection<?> c ? c : java.util.Arrays.asList((Object[]) value);
            return list(ctx, items, inProgress, depth);
        } finally {
            inProgress.remove(value);
        }
    }

    private static long dict(ThreadContext ctx, Map<?, ?> map, IdentityHashMap<Object, Boolean> inProgress, int depth) {
        long dict = checked(ctx, CPython.PyDict_New());
        try {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                long key;
                try {
                    key = toPython(ctx, entry.getKey(), inProgress, depth + 1);
                } catch (ConversionFailure f) {
                    throw f.at("<key " + entry.getKey() + ">");
                }
                long item;
                try {
                    item = toPython(ctx, entry.getValue(), inProgress, depth + 1);
                } catch (ConversionFailure f) {
                    CPython.Py_DecRef(key);
                    throw f.at(keySegment(entry.getKey()));
                }
                int status = CPython.PyDict_SetItem(dict, key, item);
                CPython.Py_DecRef(key);
                CPython.Py_DecRef(item);
                if (status != 0) {
                    throw new ConversionFailure("cannot use " + entry.getKey() + " as a dict key: "
                            + PythonErrors.fetch(ctx).getMessage()).at(keySegment(entry.getKey()));
                }
            }
            return dict;
        } catch (RuntimeException e) {
            CPython.Py_DecRef(dict);
            throw e;
        }
    }

    private static long set(ThreadContext ctx, Set<?> values, IdentityHashMap<Object, Boolean> inProgress, int depth) {
        long set = checked(ctx, CPython.PySet_New(0));
        try {
            for (Object value : values) {
                long item = toPython(ctx, value, inProgress, depth + 1);
                int status = CPython.PySet_Add(set, item);
                CPython.Py_DecRef(item);
                if (status != 0) {
                    throw new ConversionFailure("cannot put " + value + " in a set: " + PythonErrors.fetch(ctx).getMessage());
                }
            }
            return set;
        } catch (RuntimeException e) {
            CPython.Py_DecRef(set);
            throw e;
        }
    }

    private static long list(ThreadContext ctx, Collection<?> values, IdentityHashMap<Object, Boolean> inProgress, int depth) {
        int size = values.size();
        long list = checked(ctx, CPython.PyList_New(size));
        int index = 0;
        try {
            for (Object value : values) {
                if (index == size) {
                    throw new ConversionFailure("the collection grew while it was converted");
                }
                long item;
                try {
                    item = toPython(ctx, value, inProgress, depth + 1);
                } catch (ConversionFailure f) {
                    throw f.at("[" + index + "]");
                }
                CPython.PyList_SetItem(list, index++, item);
            }
            if (index != size) {
                throw new ConversionFailure("the collection shrank while it was converted");
            }
            return list;
        } catch (RuntimeException e) {
            fillWithNone(list, index, size);
            CPython.Py_DecRef(list);
            throw e;
        }
    }

    /** A list must not be freed with empty slots left by a failure part way. */
    private static void fillWithNone(long list, int from, int size) {
        for (int i = from; i < size; i++) {
            CPython.PyList_SetItem(list, i, newReference(PyConstants.NONE));
        }
    }

    /**
     * A Java string as a Python str. Strings with surrogates go through UTF-16 with
     * {@code surrogatepass}, so an unpaired surrogate survives the trip instead of becoming '?'.
     */
    public static long string(ThreadContext ctx, String text) {
        return checked(ctx, PyStrings.newStr(ctx.scratch(), text));
    }

    private static long bigInteger(ThreadContext ctx, BigInteger value) {
        if (value.bitLength() < 64) {
            return checked(ctx, CPython.PyLong_FromLongLong(value.longValue()));
        }
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            return checked(ctx, CPython.PyLong_FromString(scratch.cString(value.toString(16)), 0, 16));
        } finally {
            scratch.release(mark);
        }
    }

    private static long bytes(ThreadContext ctx, byte[] bytes) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            return checked(ctx, CPython.PyBytes_FromStringAndSize(scratch.bytes(bytes), bytes.length));
        } finally {
            scratch.release(mark);
        }
    }

    static long newReference(long object) {
        CPython.Py_IncRef(object);
        return object;
    }

    private static long checked(ThreadContext ctx, long result) {
        if (result == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return result;
    }

    private static String keySegment(Object key) {
        return key instanceof String s ? "['" + s + "']" : "[" + key + "]";
    }
}
