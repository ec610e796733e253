package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The process environment as C code sees it. {@link System#getenv()} is a copy taken at JVM start;
 * an embedded interpreter reads the real one, so settings meant for it go through here.
 */
public final class LibC {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SETENV = WINDOWS
            ? handle("_putenv_s", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG))
            : handle("setenv", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));

    private LibC() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(name + " not found in the C library")), descriptor);
    }

    /** Sets {@code name} in the process environment, replacing any value. */
    public static void setenv(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            CStrings.requireValid(name, "environment variable name");
            CStrings.requireValid(value, "environment variable value");
            long n = arena.allocateFrom(name).address();
            long v = arena.allocateFrom(value).address();
            int rc = WINDOWS ? (int) SETENV.invokeExact(n, v) : (int) SETENV.invokeExact(n, v, 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv(" + name + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setenv(" + name + ") failed", t);
        }
    }
}
