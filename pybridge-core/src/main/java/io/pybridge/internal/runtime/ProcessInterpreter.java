package io.pybridge.internal.runtime;

/**
 * The claim on this process's one CPython, shared by every copy of PyBridge in the JVM.
 *
 * <p>Each class loader that loads PyBridge (an application server's redeploy, a plugin system) gets its
 * own static state, but CPython is one per process and cannot be initialized again after
 * {@code Py_FinalizeEx}: a second initialization half works, and numpy, for one, then fails to import.
 * So the claim lives where every class loader sees it, in a JVM-wide system property: taken before
 * initialization, marked closed at finalization, never given back once the interpreter was initialized.
 */
final class ProcessInterpreter {
    static final String PROPERTY = "io.pybridge.interpreter";

    private ProcessInterpreter() {
    }

    /**
     * Claims the process's interpreter for this copy of PyBridge.
     *
     * @throws IllegalStateException when another copy (another class loader) runs it, or it was closed
     */
    static void claim(String library) {
        Object previous = System.getProperties().putIfAbsent(PROPERTY, "running " + library + " for " + owner());
        if (previous != null) {
            String state = previous.toString();
            if (state.startsWith("closed")) {
                throw new IllegalStateException("Python was already used and closed in this process (" + state
                        + "); CPython cannot be initialized again in the same process, not even by another class "
                        + "loader: start the JVM again");
            }
            throw new IllegalStateException("Python already runs in this process, started by another copy of PyBridge ("
                    + state + "); one process holds one interpreter: share that copy (load PyBridge in a parent "
                    + "class loader) or close it first");
        }
    }

    /** Gives the claim back when starting failed before CPython was initialized. */
    static void release() {
        System.getProperties().remove(PROPERTY);
    }

    /** Records that the interpreter was finalized (or abandoned by close): nobody may start it again. */
    static void closed() {
        System.getProperties().put(PROPERTY, "closed by " + owner());
    }

    private static String owner() {
        ClassLoader loader = ProcessInterpreter.class.getClassLoader();
        return "PyBridge in class loader " + (loader == null ? "bootstrap"
                : loader.getName() != null ? loader.getName() : loader.getClass().getName() + "@"
                + Integer.toHexString(System.identityHashCode(loader)));
    }
}
