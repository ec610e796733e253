package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.TracebackObjects;
import io.pybridge.internal.capi.VersionShims;

/**
 * What a Java exception keeps of a Python traceback: for each entry, outermost first, the code object,
 * the instruction and line it stopped at, and its module's {@code __name__}, {@code __loader__} and
 * {@code __spec__} (what {@code linecache} needs to find the source). Not the frames: a frame keeps every
 * local variable of its function alive, and a Java exception lives until the garbage collector finds it
 * unreachable, which may be never for a JVM with a large heap and little allocation. Code objects and
 * modules outlive the call anyway, so holding them keeps nothing alive that would otherwise be freed,
 * and code objects are not tracked by Python's cycle collector. Read while the GIL is held.
 */
final class CapturedTraceback {
    private static final int REFERENCES_PER_ENTRY = 4;
    private static final int MAX_FRAMES = 256;
    private static final CapturedTraceback EMPTY = new CapturedTraceback(new long[0], new int[0], 0);

    /** Per entry: code, module name, loader, spec (0 where the module has none). */
    private final long[] references;
    /** Per entry: the instruction it stopped at, then the line the traceback stored. */
    private final int[] positions;
    private final int size;

    private CapturedTraceback(long[] references, int[] positions, int size) {
        this.references = references;
        this.positions = positions;
        this.size = size;
    }

    /** The traceback of {@code exception} (borrowed) as it is now. The caller holds the GIL. */
    static CapturedTraceback of(ThreadContext ctx, long exception) {
        long first = CPython.PyException_GetTraceback(exception);
        if (first == 0 || first == PyConstants.NONE) {
            CPython.Py_DecRef(first);
            return EMPTY;
        }
        int size = 0;
        for (long traceback = first; traceback != 0; traceback = TracebackObjects.next(traceback)) {
            size++;
        }
        long[] references = new long[size * REFERENCES_PER_ENTRY];
        int[] positions = new int[size * 2];
        long previousGlobals = 0;
        int entry = 0;
        for (long traceback = first; entry < size; traceback = TracebackObjects.next(traceback), entry++) {
            previousGlobals = captureEntry(ctx, traceback, references, entry * REFERENCES_PER_ENTRY, previousGlobals);
            positions[entry * 2] = TracebackObjects.lastInstruction(traceback);
            positions[entry * 2 + 1] = TracebackObjects.storedLine(traceback);
        }
        CPython.Py_DecRef(first);
        return new CapturedTraceback(references, positions, size);
    }

    /**
     * Fills in one entry; returns its frame's globals (borrowed, 0 when unknown), so that the next entry,
     * when it ran in the same module (a recursion, a module's own helpers), shares the module's entries
     * instead of looking them up again.
     */
    private static long captureEntry(ThreadContext ctx, long traceback, long[] references, int at,
                                     long previousGlobals) {
        long frame = TracebackObjects.frame(traceback);
        if (frame == 0) {
            return 0;
        }
        try {
            references[at] = CPython.PyFrame_GetCode(frame);
            long globals = CPython.PyFrame_GetGlobals(frame);
            if (globals == 0) {
                CPython.PyErr_Clear();
                return 0;
            }
            if (globals == previousGlobals) {
                for (int i = 1; i < REFERENCES_PER_ENTRY; i++) {
                    long shared = references[at - REFERENCES_PER_ENTRY + i];
                    CPython.Py_IncRef(shared);
                    references[at + i] = shared;
                }
            } else {
                references[at + 1] = moduleEntry(ctx, globals, "__name__");
                references[at + 2] = moduleEntry(ctx, globals, "__loader__");
                references[at + 3] = moduleEntry(ctx, globals, "__spec__");
            }
            // Borrowed from here on: the traceback, held while the walk goes on, keeps the frame and its globals.
            CPython.Py_DecRef(globals);
            return globals;
        } finally {
            CPython.Py_DecRef(frame);
        }
    }

    private static long moduleEntry(ThreadContext ctx, long globals, String key) {
        long value = VersionShims.dictItem(globals, PythonNames.of(ctx, key), ctx.scratch());
        if (value == 0 && CPython.PyErr_Occurred() != 0) {
            CPython.PyErr_Clear();
        }
        return value;
    }

    /** The frames as Java stack trace elements, innermost first: {@code python.module.function(file.py:42)}. */
    StackTraceElement[] frames(ThreadContext ctx) {
        int kept = Math.min(size, MAX_FRAMES);
        StackTraceElement[] innermostFirst = new StackTraceElement[kept];
        for (int i = 0; i < kept; i++) {
            innermostFirst[kept - 1 - i] = frame(ctx, i);
        }
        return innermostFirst;
    }

    private StackTraceElement frame(ThreadContext ctx, int entry) {
        long code = references[entry * REFERENCES_PER_ENTRY];
        long name = references[entry * REFERENCES_PER_ENTRY + 1];
        String function = code == 0 ? null : PythonNames.stringAttribute(ctx, code, "co_name");
        String file = code == 0 ? null : PythonNames.stringAttribute(ctx, code, "co_filename");
        String module = name != 0 && ObjectTypes.isStr(name) ? PythonText.read(ctx, name) : null;
        String fileName = file == null ? null : file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return new StackTraceElement("python." + (module == null ? "?" : module), function == null ? "?" : function,
                fileName, line(entry));
    }

    private int line(int entry) {
        int stored = positions[entry * 2 + 1];
        long code = references[entry * REFERENCES_PER_ENTRY];
        if (stored >= 0 || code == 0 || positions[entry * 2] < 0) {
            return stored;
        }
        return CPython.PyCode_Addr2Line(code, positions[entry * 2]);
    }

    /**
     * Hands every entry to {@code add(exception, code, name, loader, spec, lasti, lineno)} of the
     * formatter in {@code _pybridge}, outermost first. The caller holds the GIL.
     */
    void describeTo(ThreadContext ctx, long add, long exception) {
        long none = PyConstants.NONE;
        for (int entry = 0; entry < size; entry++) {
            int at = entry * REFERENCES_PER_ENTRY;
            if (references[at] == 0) {
                continue;
            }
            long lasti = CPython.PyLong_FromLongLong(positions[entry * 2]);
            long lineno = CPython.PyLong_FromLongLong(line(entry));
            try {
                CPython.Py_DecRef(RawCalls.call(ctx, add, exception, references[at],
                        orNone(references[at + 1], none), orNone(references[at + 2], none),
                        orNone(references[at + 3], none), lasti, lineno));
            } finally {
                CPython.Py_DecRef(lasti);
                CPython.Py_DecRef(lineno);
            }
        }
    }

    private static long orNone(long reference, long none) {
        return reference == 0 ? none : reference;
    }

    /** Hands the references to the batch that drops them once no Java exception of it is reachable. */
    void handReferencesTo(ExceptionBatch.Drop drop) {
        for (int i = 0, n = size * REFERENCES_PER_ENTRY; i < n; i++) {
            if (references[i] != 0) {
                drop.add(references[i]);
            }
        }
    }
}
