package io.pybridge.internal.capi;

/**
 * Container reads that stay correct on a free-threaded build (3.13t+), where holding an attached
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
public final class StrongReferences {
    /** {@code sizeof(PyCriticalSection)} is two pointers; room for more costs nothing. */
    private static final int CRITICAL_SECTION_BYTES = 64;

    private StrongReferences() {
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
}
