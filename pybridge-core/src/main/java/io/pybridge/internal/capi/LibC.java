package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The process environment as C code sees it. {@link System#getenv()} is a copy taken at JVM start;
 * an embedded interpreter reads the real one, so settings meant for it go through here.
 */
public final class LibC {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final MethodHandle SETENV = WINDOWS
            ? CFunctions.requiredOfLibc("_putenv_s")
            : CFunctions.requiredOfLibc("setenv");

    private LibC() {
    }

    /** Sets {@code name} in the process environment, replacing any value. */
    public static void setenv(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            CStrings.requireValid(name, "environment variable name");
            CStrings.requireValid(value, "environment variable value");
            long n = arena.allocateFrom(name).address();
            long v = arena.allocateFrom(value).address();
            int rc = WINDOWS ? (int) CFunctions.call(SETENV, n, v) : (int) CFunctions.call(SETENV, n, v, 1L);
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
