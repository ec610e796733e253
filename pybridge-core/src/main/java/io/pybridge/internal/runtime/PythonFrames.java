package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.ObjectTypes;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.VersionShims;

import java.util.ArrayList;
import java.util.List;

/**
 * The Python frames of an exception's traceback as Java stack trace elements, innermost first like
 * Java's: {@code at python.embedders.transcribe(embedders.py:42)}. Reads attributes only; never the
 * frame structs, whose layout differs between versions.
 */
final class PythonFrames {
    private static final int MAX_FRAMES = 256;

    private PythonFrames() {
    }

    static StackTraceElement[] of(ThreadContext ctx, long exception) {
        long traceback = CPython.PyException_GetTraceback(exception);
        List<StackTraceElement> outermostFirst = new ArrayList<>();
        while (traceback != 0 && outermostFirst.size() < MAX_FRAMES) {
            StackTraceElement element = element(ctx, traceback);
            if (element != null) {
                outermostFirst.add(element);
            }
            long next = attribute(ctx, traceback, "tb_next");
            CPython.Py_DecRef(traceback);
            traceback = next == io.pybridge.internal.capi.PyConstants.NONE ? release(next) : next;
        }
        if (traceback != 0) {
            CPython.Py_DecRef(traceback);
        }
        StackTraceElement[] innermostFirst = new StackTraceElement[outermostFirst.size()];
        for (int i = 0; i < innermostFirst.length; i++) {
            innermostFirst[i] = outermostFirst.get(outermostFirst.size() - 1 - i);
        }
        return innermostFirst;
    }

    private static long release(long object) {
        CPython.Py_DecRef(object);
        return 0;
    }

    private static StackTraceElement element(ThreadContext ctx, long traceback) {
        long frame = attribute(ctx, traceback, "tb_frame");
        if (frame == 0) {
            return null;
        }
        long code = attribute(ctx, frame, "f_code");
        long globals = attribute(ctx, frame, "f_globals");
        try {
            String function = code == 0 ? "?" : stringOr(PythonNames.stringAttribute(ctx, code, "co_name"), "?");
            String file = code == 0 ? null : PythonNames.stringAttribute(ctx, code, "co_filename");
            String module = globals == 0 ? null : moduleName(ctx, globals);
            int line = lineNumber(ctx, traceback);
            String fileName = file == null ? null : file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            return new StackTraceElement("python." + (module == null ? "?" : module), function, fileName, line);
        } finally {
            CPython.Py_DecRef(frame);
            if (code != 0) {
                CPython.Py_DecRef(code);
            }
            if (globals != 0) {
                CPython.Py_DecRef(globals);
            }
        }
    }

    private static String moduleName(ThreadContext ctx, long globals) {
        long name = VersionShims.dictItem(globals, "__name__", ctx.scratch());
        try {
            return name != 0 && ObjectTypes.isStr(name) ? PythonText.read(ctx, name) : null;
        } finally {
            CPython.Py_DecRef(name);
        }
    }

    private static int lineNumber(ThreadContext ctx, long traceback) {
        long line = attribute(ctx, traceback, "tb_lineno");
        if (line == 0) {
            return -1;
        }
        try {
            return ObjectTypes.isInt(line) ? (int) CPython.PyLong_AsLongLongAndOverflow(line, ctx.scratch().words(1)) : -1;
        } finally {
            CPython.Py_DecRef(line);
        }
    }

    private static long attribute(ThreadContext ctx, long object, String name) {
        long value = CPython.PyObject_GetAttr(object, PythonNames.of(ctx, name));
        if (value == 0) {
            CPython.PyErr_Clear();
        }
        return value;
    }

    private static String stringOr(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
