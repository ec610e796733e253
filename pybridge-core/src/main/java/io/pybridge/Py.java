package io.pybridge;

import io.pybridge.internal.convert.JavaToPython;
import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonCode;
import io.pybridge.internal.runtime.ThreadContext;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Proof that the GIL is held: the token a {@link Python#withGil} body receives.
 *
 * <p>It is valid only inside that body and only on the thread running it. Keeping it for later, or
 * handing it to another thread, would let code touch Python without the GIL, so any use outside the
 * body throws {@link IllegalStateException} instead (PyO3 enforces the same with lifetimes).
 */
public final class Py {
    private final ThreadContext ctx;
    private volatile boolean open = true;

    Py(ThreadContext ctx) {
        this.ctx = ctx;
    }

    void invalidate() {
        open = false;
    }

    private void check() {
        if (!open) {
            throw new IllegalStateException("this Py token belongs to a withGil body that has returned");
        }
        if (Thread.currentThread() != ctx.thread()) {
            throw new IllegalStateException("this Py token belongs to thread " + ctx.thread().getName()
                    + " and cannot be used on " + Thread.currentThread().getName());
        }
        if (!ctx.holdsGil()) {
            throw new IllegalStateException("the GIL is released here (inside allowThreads); use the Python "
                    + "instance's withGil to take it again");
        }
    }

    /**
     * {@code import name}: the module object. Dotted names import the submodule.
     *
     * @throws IllegalArgumentException when {@code name} holds a NUL character or an unpaired surrogate
     */
    public PyObject importModule(String name) {
        Objects.requireNonNull(name, "name");
        check();
        return GilScope.call(c -> PyObject.of(PyRef.adopt(c, PythonCode.importModule(c, name))));
    }

    /**
     * Evaluates one expression in {@code __main__}'s namespace and returns its value.
     *
     * @throws IllegalArgumentException when the source holds a NUL character or an unpaired surrogate
     */
    public PyObject eval(String expression) {
        Objects.requireNonNull(expression, "expression");
        check();
        return GilScope.call(c -> PyObject.of(PyRef.adopt(c, PythonCode.eval(c, expression))));
    }

    /**
     * Runs statements in {@code __main__}'s namespace; names they define stay there for later eval/exec.
     *
     * @throws IllegalArgumentException when the source holds a NUL character or an unpaired surrogate
     */
    public void exec(String code) {
        Objects.requireNonNull(code, "code");
        check();
        GilScope.call(c -> {
            PythonCode.exec(c, code);
            return null;
        });
    }

    /** {@code value} converted to Python, as DESIGN.md's table says. */
    public PyObject toPython(Object value) {
        check();
        return GilScope.call(c -> PyObject.of(PyRef.adopt(c, JavaToPython.convert(c, value, "value"))));
    }

    /**
     * Runs Java work with the GIL released, so other threads can run Python meanwhile (PyO3's
     * {@code allow_threads}). The token cannot be used inside {@code work}; take the GIL again with
     * {@link Python#withGil} if needed.
     */
    public <T> T allowThreads(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        check();
        return Gil.allowThreads(ctx, work);
    }
}
