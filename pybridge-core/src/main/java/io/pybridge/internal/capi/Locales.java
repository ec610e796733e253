package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The C library's process-wide locale ({@code setlocale}). Only {@code LC_ALL} and {@code LC_CTYPE} are
 * named, and their numbers differ: glibc and musl use 6 and 0, macOS and the Windows CRT 0 and 2.
 */
public final class Locales {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    private static final int LC_ALL = LINUX ? 6 : 0;
    private static final int LC_CTYPE = LINUX ? 0 : 2;
    private static final MethodHandle SETLOCALE = setlocale();

    private Locales() {
    }

    /** Whether {@code setlocale} was found in the C library. */
    public static boolean isSupported() {
        return SETLOCALE != null;
    }

    /**
     * Sets every category to {@code "C"} except {@code LC_CTYPE}, which keeps its value: the locale a C
     * program starts with, plus the one category standalone Python sets from the environment.
     */
    public static void keepOnlyCtype() {
        String ctype = set(LC_CTYPE, null);
        set(LC_ALL, "C");
        if (ctype != null) {
            set(LC_CTYPE, ctype);
        }
    }

    /** The {@code LC_CTYPE} locale's name now. */
    public static String ctype() {
        return set(LC_CTYPE, null);
    }

    /** Sets {@code LC_CTYPE} to {@code name}; false when the C library has no such locale. */
    public static boolean setCtype(String name) {
        return set(LC_CTYPE, name) != null;
    }

    /** The whole locale as {@code setlocale(LC_ALL, NULL)} names it; for diagnostics and tests. */
    public static String describe() {
        return set(LC_ALL, null);
    }

    /** {@code setlocale(category, value)}; a null value only asks. Returns the name it answers, or null. */
    private static String set(int category, String value) {
        if (SETLOCALE == null) {
            throw new UnsupportedOperationException("setlocale was not found in the C library");
        }
        try (Arena arena = Arena.ofConfined()) {
            long name = value == null ? 0 : arena.allocateFrom(value).address();
            long result = CFunctions.call(SETLOCALE, (long) category, name);
            return result == 0 ? null : MemorySegment.ofAddress(result).reinterpret(Long.MAX_VALUE).getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setlocale(" + category + ") failed", t);
        }
    }

    private static MethodHandle setlocale() {
        return CFunctions.ofLibc("setlocale").orElse(null);
    }
}
