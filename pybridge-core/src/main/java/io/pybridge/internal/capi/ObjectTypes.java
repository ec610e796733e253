package io.pybridge.internal.capi;

import java.lang.invoke.MethodHandle;

/**
 * Reference drops that cannot run Python code, as critical downcalls: about the cost of the
 * decrement itself, where a plain {@code Py_DecRef} costs a thread-state transition.
 *
 * <p>Two kinds qualify: the new reference {@code PyObject_Type} returns (the object holds its type, so
 * the drop never frees anything), and a scalar the bridge itself just created from a Java value (an
 * int, float, str, bytes, bool or None, whose deallocation runs no Python code and never calls back
 * into Java). Conversions and calls meet both on every value, which makes this worth its own handle.
 */
public final class ObjectTypes {
    /** Bound in the shape of {@code CPython}'s critical functions ({@link CFunctions#INTEGERS}), sharing their stub. */
    private static final MethodHandle LEAF_DECREF = LibPython.downcall("Py_DecRef", CFunctions.INTEGERS, true, true);

    private static final long SMALL_STR_LENGTH = 256;
    private static final long SMALL_BYTES_LENGTH = 1024;
    private static final long SMALL_TUPLE_LENGTH = 8;

    private ObjectTypes() {
    }

    /**
     * {@code type(object)}, borrowed: valid as long as {@code object} is. Read from the object, as C's
     * {@code Py_TYPE} does, where the layout check passed; two calls (a new reference and its drop) otherwise.
     */
    public static long of(long object) {
        long offset = Layout.TYPE;
        if (offset > 0) {
            return Memory.getLong(object + offset);
        }
        long type = CPython.PyObject_Type(object);
        dropLeaf(type);
        return type;
    }

    /** {@code PyType_GetFlags(type)}, read from the type object where the layout check passed. */
    public static long flags(long type) {
        long offset = Layout.FLAGS;
        return offset > 0 ? Memory.getLong(type + offset) : CPython.PyType_GetFlags(type);
    }

    /** Whether {@code object} is a str (or a subclass of it). */
    public static boolean isStr(long object) {
        return (flags(of(object)) & PyConstants.TPFLAGS_UNICODE_SUBCLASS) != 0;
    }

    /** Whether {@code object} is an int (or a subclass of it, bool included). */
    public static boolean isInt(long object) {
        return (flags(of(object)) & PyConstants.TPFLAGS_LONG_SUBCLASS) != 0;
    }

    /**
     * Whether {@code object} is small, immutable and holds nothing else: {@code None}, an {@code int},
     * {@code float} or {@code bool} (a few dozen bytes, but for rare huge ints), a {@code str} of up to
     * {@value #SMALL_STR_LENGTH} characters or {@code bytes} of up to {@value #SMALL_BYTES_LENGTH}, or a
     * {@code tuple} of up to {@value #SMALL_TUPLE_LENGTH} of those but tuples (exact types; lengths read
     * in place where the header's layout is known). Keeping one alive keeps about a kilobyte at most, a
     * tuple nine.
     */
    public static boolean isSmallImmutable(long object) {
        if (isSmallLeaf(object)) {
            return true;
        }
        if (of(object) != PyConstants.TUPLE_TYPE) {
            return false;
        }
        long length = CPython.PyTuple_Size(object);
        if (length > SMALL_TUPLE_LENGTH) {
            return false;
        }
        for (long i = 0; i < length; i++) {
            if (!isSmallLeaf(CPython.PyTuple_GetItem(object, i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #isSmallImmutable} but for tuples: a read of the object's type (and a str's or bytes' length)
     * where it keeps them, which a thread that holds a reference may make without the GIL once
     * {@link InPlaceScalars#ready()}.
     */
    public static boolean isSmallLeaf(long object) {
        if (object == PyConstants.NONE) {
            return true;
        }
        long type = of(object);
        if (type == PyConstants.LONG_TYPE || type == PyConstants.FLOAT_TYPE || type == PyConstants.BOOL_TYPE) {
            return true;
        }
        if (headerSize() < 0) {
            return false;
        }
        if (type == PyConstants.UNICODE_TYPE) {
            return lengthAfterHeader(object) <= SMALL_STR_LENGTH;
        }
        return type == PyConstants.BYTES_TYPE && lengthAfterHeader(object) <= SMALL_BYTES_LENGTH;
    }

    /**
     * {@code len(list)}, read in place ({@code Py_SIZE}) where the header's layout is known: a memory read
     * where {@code PyList_Size} is a call, for a check made at every GIL scope.
     */
    public static long listSize(long list) {
        return headerSize() > 0 ? lengthAfterHeader(list) : CPython.PyList_Size(list);
    }

    /**
     * The length of a list, tuple, bytes or str, the word right after the header in each
     * ({@code PyVarObject.ob_size}, {@code PyASCIIObject.length}); only where {@link #headerSize()} is known.
     */
    private static long lengthAfterHeader(long object) {
        return Memory.getLong(object + headerSize());
    }

    /** Bytes before an object's own fields ({@code PyObject_HEAD}), or -1 where its layout is not known. */
    static long headerSize() {
        return Layout.TYPE > 0 ? Layout.TYPE + 8 : -1;
    }

    /** Whether the type and its flags are read in place on this interpreter; for tests and diagnostics. */
    public static boolean readsInPlace() {
        return Layout.TYPE > 0 && Layout.FLAGS > 0;
    }

    /**
     * Where {@code ob_type} and {@code tp_flags} sit, found on first use (the caller holds the GIL) by
     * comparing what is there with what {@code PyObject_Type} and {@code PyType_GetFlags} return for
     * built-in objects and types; -1 where no known layout matches, and the functions are called instead.
     */
    private static final class Layout {
        /** After {@code ob_refcnt}; a {@code Py_TRACE_REFS} or free-threaded build has 16 bytes more first. */
        private static final long[] TYPE_CANDIDATES = {8, 24};
        /** {@code tp_flags} comes after {@code ob_type} itself, {@code ob_size} and 18 slots, {@code tp_name} to {@code tp_as_buffer}. */
        private static final long FLAGS_AFTER_TYPE = 8 + 19 * 8;
        static final long TYPE = typeOffset();
        static final long FLAGS = TYPE > 0 && flagsAt(TYPE + FLAGS_AFTER_TYPE) ? TYPE + FLAGS_AFTER_TYPE : -1;

        private static long typeOffset() {
            long[] objects = {PyConstants.NONE, PyConstants.TRUE, PyConstants.LONG_TYPE, PyConstants.EXC_VALUE_ERROR};
            for (long offset : TYPE_CANDIDATES) {
                boolean all = true;
                for (long object : objects) {
                    long type = CPython.PyObject_Type(object);
                    dropLeaf(type);
                    all &= Memory.getLong(object + offset) == type;
                }
                if (all) {
                    return offset;
                }
            }
            return -1;
        }

        private static boolean flagsAt(long offset) {
            long[] types = {PyConstants.LONG_TYPE, PyConstants.UNICODE_TYPE, PyConstants.DICT_TYPE, PyConstants.LIST_TYPE,
                    PyConstants.TUPLE_TYPE, PyConstants.BOOL_TYPE, PyConstants.EXC_VALUE_ERROR};
            for (long type : types) {
                if (Memory.getLong(type + offset) != CPython.PyType_GetFlags(type)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Drops a reference whose release cannot run Python code (see the class comment). */
    public static void dropLeaf(long object) {
        try {
            long ignored = CFunctions.call(LEAF_DECREF, object);
        } catch (Throwable t) {
            throw LibPython.rethrow("Py_DecRef", t);
        }
    }
}
