package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.PyConstants;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What translating a raised exception needs to know of its type: its name, whether it is an
 * {@code ImportError}, and whether its traceback text is formatted from the frames' variables (name and
 * attribute errors, exception groups), so that the frames must stay on. Read once for a static type
 * (every built-in exception): such a type lives at one address, unchanged, for the life of the process,
 * as {@link PythonNames#qualifiedName} relies on too; a class defined in Python is read each time.
 */
record RaisedType(String name, boolean importError, boolean keepsFrames) {
    private static final int STATIC_LIMIT = 1024;
    private static final ConcurrentHashMap<Long, RaisedType> STATIC_TYPES = new ConcurrentHashMap<>();

    /** The facts of {@code type} (borrowed). The caller holds the GIL. */
    static RaisedType of(ThreadContext ctx, long type) {
        boolean isStatic = (ObjectTypes.flags(type) & PyConstants.TPFLAGS_HEAPTYPE) == 0;
        if (isStatic) {
            RaisedType cached = STATIC_TYPES.get(type);
            if (cached != null) {
                return cached;
            }
        }
        RaisedType read = new RaisedType(PythonNames.qualifiedName(ctx, type),
                isSubclass(type, PyConstants.EXC_IMPORT_ERROR),
                isSubclass(type, PyConstants.EXC_NAME_ERROR) || isSubclass(type, PyConstants.EXC_ATTRIBUTE_ERROR)
                        || isSubclass(type, PyConstants.EXC_BASE_EXCEPTION_GROUP));
        if (isStatic && STATIC_TYPES.size() < STATIC_LIMIT) {
            STATIC_TYPES.putIfAbsent(type, read);
        }
        return read;
    }

    private static boolean isSubclass(long type, long base) {
        return CPython.PyErr_GivenExceptionMatches(type, base) != 0;
    }
}
