package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;

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
