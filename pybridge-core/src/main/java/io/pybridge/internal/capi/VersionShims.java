package io.pybridge.internal.capi;

/**
 * The one place for calls whose best form depends on the CPython version or build: each uses the newer
 * function where libpython exports it (looked up once, when the bindings load) and falls back otherwise,
 * so that one build of PyBridge serves 3.11 to 3.14.
 *
 * <p>Raised exceptions: {@code PyErr_GetRaisedException}/{@code PyErr_SetRaisedException} (3.12+), else
 * the fetch/restore triple. Attribute tests: {@code PyObject_HasAttrWithError} (3.13+), else a
 * {@code getattr} that tells {@code AttributeError} from other errors.
 *
 * <p>Container reads that stay correct on a free-threaded build (3.13t+), where holding an attached
 * thread state does not keep other threads from changing a list or dict: a borrowed item can be
 * freed between {@code PyList_GetItem} and the {@code Py_IncRef} after it, and {@code PyDict_Next}
 * must not run while another thread resizes the dict.
 *
 * <p>Where libpython has them (3.13+, GIL builds included), the strong-reference functions
 * ({@code PyList_GetItemRef}, {@code PyDict_GetItemRef}, {@code PyDict_GetItemStringRef}) and
 * per-object critical sections ({@code PyCriticalSection_Begin}, a no-op with a GIL) are used, so the
 * version matrix runs these paths on 3.13 and 3.14. On 3.11 and 3.12, which have no free-threaded
 * build, the borrowed read and the increment happen under the GIL with no Python code between them.
 * Every method needs the calling thread to hold the GIL (an attached thread state).
 */
public final class VersionShims {
    /** {@code sizeof(PyCriticalSection)} is two pointers; room for more costs nothing. */
    private static final int CRITICAL_SECTION_BYTES = 64;

    private VersionShims() {
    }

    /**
     * {@code list[index]} as a new reference, or 0 when {@code index} is past the end (the list
     * shrank; no error is left set).
     */
    public static long listItem(long list, long index) {
        if (CPython.has_PyList_GetItemRef()) {
            long item = CPython.PyList_GetItemRef(list, index);
            if (item == 0) {
                CPython.PyErr_Clear();
            }
            return item;
        }
        if (index >= CPython.PyList_Size(list)) {
            return 0;
        }
        long item = CPython.PyList_GetItem(list, index);
        CPython.Py_IncRef(item);
        return item;
    }

    /**
     * Item {@code index} of a list or tuple ({@code list} says which) as a new reference, or 0 past the end
     * of a list that shrank meanwhile (another thread, on a free-threaded build). A tuple never changes.
     */
    public static long sequenceItem(long sequence, long index, boolean list) {
        if (list) {
            return listItem(sequence, index);
        }
        long item = CPython.PyTuple_GetItem(sequence, index);
        CPython.Py_IncRef(item);
        return item;
    }

    /**
     * {@code dict[key]} as a new reference; 0 when the key is missing, or when looking it up raised
     * (then the error is set: check {@code PyErr_Occurred}).
     */
    public static long dictItem(long dict, long key, NativeScratch scratch) {
        if (CPython.has_PyDict_GetItemRef()) {
            long mark = scratch.mark();
            try {
                long result = scratch.words(1);
                NativeScratch.putWord(result, 0, 0);
                CPython.PyDict_GetItemRef(dict, key, result);
                return NativeScratch.getWord(result, 0);
            } finally {
                scratch.release(mark);
            }
        }
        long item = CPython.PyDict_GetItemWithError(dict, key);
        CPython.Py_IncRef(item);
        return item;
    }

    /** {@code dict[key]} for a C-string key, as {@link #dictItem}; errors are cleared (a missing key and a failed lookup both give 0). */
    public static long dictItem(long dict, String key, NativeScratch scratch) {
        long mark = scratch.mark();
        try {
            long cKey = scratch.cString(key);
            if (CPython.has_PyDict_GetItemStringRef()) {
                long result = scratch.words(1);
                NativeScratch.putWord(result, 0, 0);
                if (CPython.PyDict_GetItemStringRef(dict, cKey, result) < 0) {
                    CPython.PyErr_Clear();
                }
                return NativeScratch.getWord(result, 0);
            }
            long item = CPython.PyDict_GetItemString(dict, cKey);
            CPython.Py_IncRef(item);
            return item;
        } finally {
            scratch.release(mark);
        }
    }

    /**
     * Enters a critical section on {@code object}, for iterating it with {@code PyDict_Next}: on a
     * free-threaded build no other thread changes it meanwhile, unless this thread blocks (then the
     * section is suspended, as the GIL would be released). Returns the handle for {@link #endCriticalSection},
     * 0 where the API does not exist (3.11, 3.12: the GIL does the job). The handle lives in
     * {@code scratch}, which must not be released before the section ends.
     */
    public static long beginCriticalSection(long object, NativeScratch scratch) {
        if (!CPython.has_PyCriticalSection_Begin() || !CPython.has_PyCriticalSection_End()) {
            return 0;
        }
        long section = scratch.allocate(CRITICAL_SECTION_BYTES);
        CPython.PyCriticalSection_Begin(section, object);
        return section;
    }

    /** Ends what {@link #beginCriticalSection} began; 0 is ignored. */
    public static void endCriticalSection(long section) {
        if (section != 0) {
            CPython.PyCriticalSection_End(section);
        }
    }

    /**
     * Raises {@code exception} (an exception instance; the reference is stolen) as the current error,
     * with its own traceback. The caller holds the GIL.
     */
    public static void setRaisedException(long exception) {
        if (CPython.has_PyErr_SetRaisedException()) {
            CPython.PyErr_SetRaisedException(exception);
            return;
        }
        long type = CPython.PyObject_Type(exception);
        CPython.PyErr_Restore(type, exception, CPython.PyException_GetTraceback(exception));
    }

    /**
     * Takes the current error as one exception instance (a new reference, normalized, its traceback
     * attached) and clears it; 0 when no error is set. The caller holds the GIL.
     */
    public static long takeRaisedException(NativeScratch scratch) {
        if (CPython.has_PyErr_GetRaisedException()) {
            return CPython.PyErr_GetRaisedException();
        }
        long mark = scratch.mark();
        try {
            long slots = scratch.words(3);
            CPython.PyErr_Fetch(slots, slots + 8, slots + 16);
            if (NativeScratch.getWord(slots, 0) == 0) {
                return 0;
            }
            CPython.PyErr_NormalizeException(slots, slots + 8, slots + 16);
            long type = NativeScratch.getWord(slots, 0);
            long value = NativeScratch.getWord(slots, 1);
            long traceback = NativeScratch.getWord(slots, 2);
            if (traceback != 0 && value != 0) {
                CPython.PyException_SetTraceback(value, traceback);
            }
            if (type != 0) {
                CPython.Py_DecRef(type);
            }
            if (traceback != 0) {
                CPython.Py_DecRef(traceback);
            }
            return value;
        } finally {
            scratch.release(mark);
        }
    }

    /**
     * {@code hasattr(object, name)}: 1 when it has it, 0 when not ({@code AttributeError}, cleared), -1
     * when looking it up raised something else (left set). The caller holds the GIL.
     */
    public static int hasAttr(long object, long name) {
        if (CPython.has_PyObject_HasAttrWithError()) {
            return CPython.PyObject_HasAttrWithError(object, name);
        }
        long attribute = CPython.PyObject_GetAttr(object, name);
        if (attribute != 0) {
            CPython.Py_DecRef(attribute);
            return 1;
        }
        if (CPython.PyErr_GivenExceptionMatches(CPython.PyErr_Occurred(), PyConstants.EXC_ATTRIBUTE_ERROR) != 0) {
            CPython.PyErr_Clear();
            return 0;
        }
        return -1;
    }
}
