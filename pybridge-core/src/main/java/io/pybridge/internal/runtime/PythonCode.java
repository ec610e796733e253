package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;

/** Source code compiled and run in {@code __main__}'s namespace, where {@code exec} and {@code eval} share names. */
public final class PythonCode {
    private PythonCode() {
    }

    /**
     * Compiles {@code code} with the start symbol {@code start} ({@code PyConstants.FILE_INPUT} or
     * {@code EVAL_INPUT}) and runs it; returns the result as a new reference. The caller holds the GIL.
     *
     * @throws io.pybridge.PythonException what the code raised, a SyntaxError included
     */
    public static long run(ThreadContext ctx, String code, int start, String fileName) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long compiled;
        try {
            compiled = CPython.Py_CompileString(scratch.cString(code, "source code"), scratch.cString(fileName, "file name"), start);
        } finally {
            scratch.release(mark);
        }
        if (compiled == 0) {
            throw PythonErrors.fetch(ctx);
        }
        try {
            long result = CPython.PyEval_EvalCode(compiled, Interpreter.mainDict(), Interpreter.mainDict());
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return result;
        } finally {
            CPython.Py_DecRef(compiled);
        }
    }

    /** {@code import name} (dotted names import the submodule): a new reference to the module. The caller holds the GIL. */
    public static long importModule(ThreadContext ctx, String name) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long module = CPython.PyImport_ImportModule(scratch.cString(name, "module name"));
            if (module == 0) {
                throw PythonErrors.fetch(ctx);
            }
            return module;
        } finally {
            scratch.release(mark);
        }
    }

    /** One expression evaluated in {@code __main__}: a new reference to its value. The caller holds the GIL. */
    public static long eval(ThreadContext ctx, String expression) {
        return run(ctx, expression, PyConstants.EVAL_INPUT, "<pybridge eval>");
    }

    /** Statements run in {@code __main__}. The caller holds the GIL. */
    public static void exec(ThreadContext ctx, String code) {
        CPython.Py_DecRef(run(ctx, code, PyConstants.FILE_INPUT, "<pybridge exec>"));
    }

    /** A Python string literal for {@code text} (a path, usually), ASCII only, for generated source. */
    public static String literal(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
