package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code _pybridge}, the module PyBridge defines inside the interpreter (source: {@code _pybridge.py}
 * next to this class): the {@code JavaException} type and the holder numpy keeps for Java memory.
 * Created on first use and kept for the life of the interpreter. Two threads may create it at once
 * (running Python code can switch threads); the module publishes itself atomically, so both get the same.
 */
public final class BridgeModule {
    private static final String NAME = "_pybridge";
    private static final AtomicLong MODULE = new AtomicLong();
    private static final AtomicLong JAVA_EXCEPTION = new AtomicLong();

    private BridgeModule() {
    }

    /** The module, borrowed (the bridge keeps a reference). The caller holds the GIL. */
    public static long get(ThreadContext ctx) {
        long module = MODULE.get();
        return module != 0 ? module : create(ctx);
    }

    /** Whether the module exists yet; before it does, no Python object can carry a Java object. */
    public static boolean exists() {
        return MODULE.get() != 0;
    }

    /** {@code _pybridge.JavaException}, borrowed. */
    public static long javaExceptionType(ThreadContext ctx) {
        long type = JAVA_EXCEPTION.get();
        if (type == 0) {
            long found = RawCalls.attribute(ctx, get(ctx), "JavaException");
            if (!JAVA_EXCEPTION.compareAndSet(0, found)) {
                CPython.Py_DecRef(found);
            }
            type = JAVA_EXCEPTION.get();
        }
        return type;
    }

    private static long create(ThreadContext ctx) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long globals = CPython.PyDict_New();
        if (globals == 0) {
            throw PythonErrors.fetch(ctx);
        }
        try {
            long name = PythonNames.of(ctx, NAME);
            if (CPython.PyDict_SetItemString(globals, scratch.cString("__name__"), name) != 0
                    || CPython.PyDict_SetItemString(globals, scratch.cString("__builtins__"), CPython.PyEval_GetBuiltins()) != 0) {
                throw PythonErrors.fetch(ctx);
            }
            long code = CPython.Py_CompileString(scratch.cString(source()), scratch.cString("<pybridge>/_pybridge.py"),
                    PyConstants.FILE_INPUT);
            if (code == 0) {
                throw PythonErrors.fetch(ctx);
            }
            long result = CPython.PyEval_EvalCode(code, globals, globals);
            CPython.Py_DecRef(code);
            if (result == 0) {
                throw PythonErrors.fetch(ctx);
            }
            CPython.Py_DecRef(result);
            long module = CPython.PyDict_GetItemString(globals, scratch.cString("module"));
            if (module == 0) {
                throw new IllegalStateException("_pybridge.py did not define 'module'");
            }
            CPython.Py_IncRef(module);
            if (!MODULE.compareAndSet(0, module)) {
                CPython.Py_DecRef(module);
            }
            return MODULE.get();
        } finally {
            CPython.Py_DecRef(globals);
            scratch.release(mark);
        }
    }

    private static String source() {
        try (InputStream in = BridgeModule.class.getResourceAsStream(NAME + ".py")) {
            if (in == null) {
                throw new IllegalStateException(NAME + ".py is missing from the PyBridge jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
