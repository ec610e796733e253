package io.pybridge.internal.context;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.convert.HelperModule;

/**
 * The two halves of a {@code with} statement for Java ({@code _pybridge_context.py}): entering returns
 * the value and the bound {@code __exit__}; exiting passes {@code __exit__} either nothing or the Java
 * exception, raised in Python first so that {@code __exit__} receives a real exception with a traceback.
 */
public final class ContextManagers {
    private static final HelperModule MODULE = new HelperModule("_pybridge_context", ContextManagers.class);

    /** What {@code __enter__} returned, and {@code __exit__} bound to the manager. */
    public record Entered(PyRef value, PyRef exit) {
    }

    private ContextManagers() {
    }

    /**
     * {@code __enter__()} of {@code manager}.
     *
     * @throws io.pybridge.PythonException a {@code TypeError} when it is no context manager, or what
     *                                     {@code __enter__} raised
     */
    public static Entered enter(PyRef manager) {
        try (PyRef enter = MODULE.attribute("enter"); PyRef pair = enter.call(manager)) {
            PyRef value = pair.getItem(0);
            try {
                return new Entered(value, pair.getItem(1));
            } catch (RuntimeException e) {
                value.close();
                throw e;
            }
        }
    }

    /** {@code __exit__(None, None, None)}: the body completed. */
    public static void exitNormally(PyRef exit) {
        try (PyRef exitOk = MODULE.attribute("exit_ok")) {
            exitOk.call(exit).close();
        }
    }

    /**
     * {@code __exit__(type, value, traceback)} for {@code failure}: returns whether {@code __exit__}
     * suppressed it (returned a true value).
     *
     * @throws io.pybridge.PythonException what {@code __exit__} raised instead (its cause chain leads to
     *                                     {@code failure})
     */
    public static boolean exitWith(PyRef exit, Throwable failure) {
        Runnable raise = () -> {
            throw ContextManagers.<RuntimeException>unchecked(failure);
        };
        try (PyRef exitFailed = MODULE.attribute("exit_failed"); PyRef suppressed = exitFailed.call(exit, raise)) {
            return suppressed.as(Boolean.class);
        }
    }

    /**
     * Throws {@code failure} as it is, checked or not, from the Runnable above: the bridge turns whatever
     * a Java callable throws into the Python exception it stands for.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable failure) throws E {
        throw (E) failure;
    }
}
