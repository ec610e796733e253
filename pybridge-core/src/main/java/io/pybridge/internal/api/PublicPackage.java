package io.pybridge.internal.api;

/**
 * The public package installs what the internal layers reach it through (its exceptions, its faces of
 * Python objects and arrays, the conversions its features add) when {@code io.pybridge.Python} is
 * initialized, which every way into the bridge passes. Code that reaches an internal layer first (a
 * test, a tool) gets the same by asking here: the class is initialized by name, so that no internal
 * class depends on the public package.
 */
public final class PublicPackage {
    private static final String ENTRY = "io.pybridge.Python";

    private PublicPackage() {
    }

    public static void initialize() {
        try {
            Class.forName(ENTRY, true, PublicPackage.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(ENTRY + " is missing from the class path", e);
        }
    }
}
