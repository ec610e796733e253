package io.pybridge.internal.idioms;

import io.pybridge.PyObject;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.ObjectAccess;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ThreadContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One of the Python halves of the idioms (async, iterators, context managers, output), kept as a
 * {@code .py} resource next to this class and loaded on first use into a module of the same name,
 * published in {@code sys.modules} so that its classes have a module to name in tracebacks and reprs.
 *
 * <p>Loading runs Python code, which may let the GIL go to another thread loading the same module; both
 * then end with the one module {@code sys.modules.setdefault} kept, and no Java lock is held meanwhile
 * (a thread waiting for a Java lock while holding the GIL could deadlock with the loader).
 */
public final class HelperModule {
    private final String name;
    private final AtomicReference<PyObject> module = new AtomicReference<>();

    public HelperModule(String name) {
        this.name = name;
    }

    /** The module, loaded on first use; kept for the life of the interpreter. Takes the GIL if needed. */
    public PyObject get() {
        PyObject loaded = module.get();
        if (loaded != null && !loaded.isClosed()) {
            return loaded;
        }
        PyObject created = GilScope.call(this::load);
        if (!module.compareAndSet(loaded, created)) {
            created.close();
        }
        return module.get();
    }

    /** {@code module.name}, a new reference. */
    public PyObject attribute(String attribute) {
        return get().getAttr(attribute);
    }

    private PyObject load(ThreadContext ctx) {
        try (PyObject builtins = importModule(ctx, "builtins");
             PyObject types = importModule(ctx, "types");
             PyObject sys = importModule(ctx, "sys");
             PyObject fresh = types.callMethod("ModuleType", name);
             PyObject namespace = fresh.getAttr("__dict__");
             PyObject code = builtins.callMethod("compile", source(), "<pybridge>/" + name + ".py", "exec");
             PyObject modules = sys.getAttr("modules")) {
            builtins.callMethod("exec", code, namespace).close();
            return modules.callMethod("setdefault", name, fresh);
        }
    }

    private static PyObject importModule(ThreadContext ctx, String module) {
        long pointer = CPython.PyImport_ImportModule(ctx.scratch().cString(module, "module name"));
        if (pointer == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return ObjectAccess.get().wrap(pointer);
    }

    private String source() {
        try (InputStream in = HelperModule.class.getResourceAsStream(name + ".py")) {
            if (in == null) {
                throw new IllegalStateException(name + ".py is missing from the PyBridge jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
