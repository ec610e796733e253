package io.pybridge.internal.capi;

/**
 * Reads a traceback object's links: the next entry, the frame, the last instruction and the line. A
 * traceback is {@code PyObject_HEAD} and then {@code tb_next}, {@code tb_frame}, {@code int tb_lasti},
 * {@code int tb_lineno}, the same from 3.11 to 3.14; the fields are read in place (a few nanoseconds,
 * where attribute lookups cost some 40 ns each) once the layout has been checked against what the
 * running interpreter reports: {@code TracebackType.__basicsize__} must be {@code object.__basicsize__}
 * (the object header, larger on free-threaded builds) plus those four fields. Where it is not, the same
 * values are read through the attributes. Every method needs the GIL.
 */
public final class TracebackObjects {
    private static final long FIELDS_SIZE = 8 + 8 + 4 + 4;
    private static final long TB_NEXT = PermanentMemory.cString("tb_next");
    private static final long TB_FRAME = PermanentMemory.cString("tb_frame");
    private static final long TB_LASTI = PermanentMemory.cString("tb_lasti");
    private static final long TB_LINENO = PermanentMemory.cString("tb_lineno");
    private static final long BASICSIZE = PermanentMemory.cString("__basicsize__");
    /** The object header's size when the layout was confirmed, -1 when attributes must be used, 0 before the check. */
    private static long header;

    private TracebackObjects() {
    }

    /** The next entry (borrowed), or 0 at the innermost one. */
    public static long next(long traceback) {
        long next = inPlace() ? Memory.getLong(traceback + header) : attribute(traceback, TB_NEXT);
        return next == PyConstants.NONE ? 0 : next;
    }

    /** The frame this entry stands for, a new reference. */
    public static long frame(long traceback) {
        if (inPlace()) {
            long frame = Memory.getLong(traceback + header + 8);
            CPython.Py_IncRef(frame);
            return frame;
        }
        return newAttribute(traceback, TB_FRAME);
    }

    /** The offset of the instruction that was running, in bytes; negative when unknown. */
    public static int lastInstruction(long traceback) {
        return inPlace() ? Memory.getInt(traceback + header + 16) : intAttribute(traceback, TB_LASTI);
    }

    /**
     * The line the entry points at; -1 where it is computed on demand from {@link #lastInstruction}
     * ({@code PyCode_Addr2Line}), as 3.12 and later store it.
     */
    public static int storedLine(long traceback) {
        return inPlace() ? Memory.getInt(traceback + header + 20) : intAttribute(traceback, TB_LINENO);
    }

    /** Whether the fields are read in place (the layout check passed); for tests and diagnostics. The caller holds the GIL. */
    public static boolean readsInPlace() {
        return inPlace();
    }

    private static boolean inPlace() {
        long known = header;
        if (known == 0) {
            long object = longAttribute(PyConstants.BASE_OBJECT_TYPE, BASICSIZE);
            long traceback = longAttribute(PyConstants.TRACEBACK_TYPE, BASICSIZE);
            known = object > 0 && traceback == object + FIELDS_SIZE ? object : -1;
            header = known;
        }
        return known > 0;
    }

    private static long attribute(long object, long name) {
        long value = newAttribute(object, name);
        CPython.Py_DecRef(value);
        return value;
    }

    private static int intAttribute(long object, long name) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, longAttribute(object, name)));
    }

    /** An int attribute's value; -1 (error cleared) when it cannot be read. */
    private static long longAttribute(long object, long name) {
        long value = newAttribute(object, name);
        if (value == 0) {
            return -1;
        }
        try {
            long read = CPython.PyLong_AsLongLong(value);
            if (read == -1 && CPython.PyErr_Occurred() != 0) {
                CPython.PyErr_Clear();
            }
            return read;
        } finally {
            CPython.Py_DecRef(value);
        }
    }

    /** A new reference to the attribute, 0 (error cleared) when it cannot be read. */
    private static long newAttribute(long object, long name) {
        long value = CPython.PyObject_GetAttrString(object, name);
        if (value == 0) {
            CPython.PyErr_Clear();
        }
        return value;
    }
}
