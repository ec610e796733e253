package io.pybridge.internal.capi;

/**
 * Addresses of the interpreter's singletons, built-in types and exception classes, read once after
 * libpython is loaded. Comparing a type pointer against these is how the bridge recognises a value
 * without reading any CPython struct (whose layout differs between versions and builds).
 */
public final class PyConstants {
    public static final long NONE = LibPython.objectAddress("_Py_NoneStruct");
    public static final long TRUE = LibPython.objectAddress("_Py_TrueStruct");
    public static final long FALSE = LibPython.objectAddress("_Py_FalseStruct");

    public static final long BOOL_TYPE = LibPython.objectAddress("PyBool_Type");
    public static final long LONG_TYPE = LibPython.objectAddress("PyLong_Type");
    public static final long FLOAT_TYPE = LibPython.objectAddress("PyFloat_Type");
    public static final long UNICODE_TYPE = LibPython.objectAddress("PyUnicode_Type");
    public static final long BYTES_TYPE = LibPython.objectAddress("PyBytes_Type");
    public static final long BYTEARRAY_TYPE = LibPython.objectAddress("PyByteArray_Type");
    public static final long LIST_TYPE = LibPython.objectAddress("PyList_Type");
    public static final long TUPLE_TYPE = LibPython.objectAddress("PyTuple_Type");
    public static final long DICT_TYPE = LibPython.objectAddress("PyDict_Type");
    public static final long SET_TYPE = LibPython.objectAddress("PySet_Type");
    public static final long FROZENSET_TYPE = LibPython.objectAddress("PyFrozenSet_Type");

    public static final long EXC_BASE_EXCEPTION = LibPython.pointerValue("PyExc_BaseException");
    public static final long EXC_IMPORT_ERROR = LibPython.pointerValue("PyExc_ImportError");
    public static final long EXC_ATTRIBUTE_ERROR = LibPython.pointerValue("PyExc_AttributeError");
    public static final long EXC_KEY_ERROR = LibPython.pointerValue("PyExc_KeyError");
    public static final long EXC_TYPE_ERROR = LibPython.pointerValue("PyExc_TypeError");
    public static final long EXC_VALUE_ERROR = LibPython.pointerValue("PyExc_ValueError");
    public static final long EXC_RUNTIME_ERROR = LibPython.pointerValue("PyExc_RuntimeError");
    public static final long EXC_RECURSION_ERROR = LibPython.pointerValue("PyExc_RecursionError");
    public static final long EXC_SYSTEM_EXIT = LibPython.pointerValue("PyExc_SystemExit");
    public static final long EXC_KEYBOARD_INTERRUPT = LibPython.pointerValue("PyExc_KeyboardInterrupt");

    public static final long EXC_NAME_ERROR = LibPython.pointerValue("PyExc_NameError");
    public static final long EXC_BASE_EXCEPTION_GROUP = LibPython.pointerValue("PyExc_BaseExceptionGroup");

    public static final long BASE_OBJECT_TYPE = LibPython.objectAddress("PyBaseObject_Type");
    public static final long TRACEBACK_TYPE = LibPython.objectAddress("PyTraceBack_Type");

    /** {@code tp_flags} bit of types created at run time (classes); a static type lives, unchanged, as long as the process. */
    public static final long TPFLAGS_HEAPTYPE = 1L << 9;
    /** {@code tp_flags} bits that mark subclasses of the built-in types; stable across versions. */
    public static final long TPFLAGS_LONG_SUBCLASS = 1L << 24;
    public static final long TPFLAGS_LIST_SUBCLASS = 1L << 25;
    public static final long TPFLAGS_TUPLE_SUBCLASS = 1L << 26;
    public static final long TPFLAGS_BYTES_SUBCLASS = 1L << 27;
    public static final long TPFLAGS_UNICODE_SUBCLASS = 1L << 28;
    public static final long TPFLAGS_DICT_SUBCLASS = 1L << 29;
    public static final long TPFLAGS_BASE_EXC_SUBCLASS = 1L << 30;
    public static final long TPFLAGS_TYPE_SUBCLASS = 1L << 31;

    /** Start symbols for {@code Py_CompileString}. */
    public static final int FILE_INPUT = 257;
    public static final int EVAL_INPUT = 258;

    private PyConstants() {
    }
}
