package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading and removing variables of the real process environment, which an embedded interpreter reads
 * ({@link System#getenv()} is a copy taken at JVM start). Setting one is {@link LibC#setenv}.
 */
public final class EnvironmentVariables {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final MethodHandle GETENV = CFunctions.requiredOfLibc("getenv");
    private static final MethodHandle UNSETENV = WINDOWS ? null : CFunctions.requiredOfLibc("unsetenv");

    private EnvironmentVariables() {
    }

    /** The value of {@code name} now, if it is set. */
    public static Optional<String> get(String name) {
        try (Arena arena = Arena.ofConfined()) {
            long value = CFunctions.call(GETENV, arena.allocateFrom(name).address());
            return value == 0 ? Optional.empty()
                    : Optional.of(MemorySegment.ofAddress(value).reinterpret(Long.MAX_VALUE).getString(0));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getenv(" + name + ") failed", t);
        }
    }

    /** Removes {@code name} from the process environment (on Windows: sets it to the empty string, which removes it). */
    public static void unset(String name) {
        if (WINDOWS) {
            LibC.setenv(name, "");
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) CFunctions.call(UNSETENV, arena.allocateFrom(name).address());
            if (rc != 0) {
                throw new IllegalStateException("unsetenv(" + name + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("unsetenv(" + name + ") failed", t);
        }
    }
}
