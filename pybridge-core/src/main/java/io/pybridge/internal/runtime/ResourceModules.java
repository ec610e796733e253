package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The runtime's own Python code, kept as {@code .py} resources beside the classes that run it. */
public final class ResourceModules {
    private ResourceModules() {
    }

    /**
     * Runs {@code name.py} (a resource beside {@code owner}) in a fresh namespace whose {@code __name__} is
     * {@code name}, and returns that namespace: a new reference to its globals dict. The caller holds the GIL.
     */
    static long run(ThreadContext ctx, Class<?> owner, String name) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long globals = CPython.PyDict_New();
        if (globals == 0) {
            throw PythonErrors.fetch(ctx);
        }
        try {
            if (CPython.PyDict_SetItemString(globals, scratch.cString("__name__"), PythonNames.of(ctx, name)) != 0
                    || CPython.PyDict_SetItemString(globals, scratch.cString("__builtins__"), CPython.PyEval_GetBuiltins()) != 0) {
                throw PythonErrors.fetch(ctx);
            }
            long code = CPython.Py_CompileString(scratch.cString(source(owner, name)),
                    scratch.cString("<pybridge>/" + name + ".py"), PyConstants.FILE_INPUT);
            if (code == 0) {
                throw PythonErrors.fetch(ctx);
            }
            long result = CPython.PyEval_EvalCode(code, globals, globals);
            CPython.Py_DecRef(code);
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            CPython.Py_DecRef(result);
            return globals;
        } catch (RuntimeException | Error e) {
            CPython.Py_DecRef(globals);
            throw e;
        } finally {
            scratch.release(mark);
        }
    }

    /** The text of {@code name}.py, a resource beside {@code owner} in the PyBridge jar. */
    public static String source(Class<?> owner, String name) {
        return text(owner, name + ".py");
    }

    /** The text (UTF-8) of {@code fileName}, a resource beside {@code owner} in the PyBridge jar. */
    static String text(Class<?> owner, String fileName) {
        try (InputStream in = owner.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException(fileName + " is missing from the PyBridge jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
