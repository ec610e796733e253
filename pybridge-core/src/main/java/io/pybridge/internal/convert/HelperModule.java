package io.pybridge.internal.convert;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.ResourceModules;
import io.pybridge.internal.runtime.ThreadContext;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The Python half of one of the bridge's features (async, iterators, context managers, output), kept as
 * a {@code .py} resource beside the feature's class and loaded on first use into a module of the same name,
 * published in {@code sys.modules} so that its classes have a module to name in tracebacks and reprs.
 *
 * <p>Loading runs Python code, which may let the GIL go to another thread loading the same module; both
 * then end with the one module {@code sys.modules.setdefault} kept, and no Java lock is held meanwhile
 * (a thread waiting for a Java lock while holding the GIL could deadlock with the loader).
 */
public final class HelperModule {
    private final String name;
    private final Class<?> owner;
    private final AtomicReference<PyRef> module = new AtomicReference<>();

    /** The module {@code name}, whose source {@code name.py} is a resource beside {@code owner}. */
    public HelperModule(String name, Class<?> owner) {
        this.name = name;
        this.owner = owner;
    }

    /** The module, loaded on first use; kept for the life of the interpreter. Takes the GIL if needed. */
    public PyRef get() {
        PyRef loaded = module.get();
        if (loaded != null && !loaded.isClosed()) {
            return loaded;
        }
        PyRef created = GilScope.call(this::load);
        if (!module.compareAndSet(loaded, created)) {
            created.close();
        }
        return module.get();
    }

    /** {@code module.name}, a new reference. */
    public PyRef attribute(String attribute) {
        return get().getAttr(attribute);
    }

    private PyRef load(ThreadContext ctx) {
        try (PyRef builtins = importModule(ctx, "builtins");
             PyRef types = importModule(ctx, "types");
             PyRef sys = importModule(ctx, "sys");
             PyRef fresh = types.callMethod("ModuleType", name);
             PyRef namespace = fresh.getAttr("__dict__");
             PyRef code = builtins.callMethod("compile", ResourceModules.source(owner, name), "<pybridge>/" + name + ".py", "exec");
             PyRef modules = sys.getAttr("modules")) {
            builtins.callMethod("exec", code, namespace).close();
            return modules.callMethod("setdefault", name, fresh);
        }
    }

    private static PyRef importModule(ThreadContext ctx, String module) {
        long pointer = CPython.PyImport_ImportModule(ctx.scratch().cString(module, "module name"));
        if (pointer == 0) {
            throw PythonErrors.fetch(ctx);
        }
        return PyRef.adopt(ctx, pointer);
    }

    @Override
    public String toString() {
        return name;
    }
}
