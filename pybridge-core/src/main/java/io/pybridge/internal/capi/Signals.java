package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Signal dispositions as the C library sees them: {@code sigaction} read and written through FFM.
 *
 * <p>A disposition is kept as the raw bytes of {@code struct sigaction}, so that putting one back restores
 * exactly what was read (handler, mask, flags, restorer). Only two fields are interpreted, to compare
 * dispositions: the handler (offset 0 everywhere) and {@code sa_flags}. The layouts, from the C headers:
 * <ul>
 *   <li>Linux x86-64 and AArch64 (glibc and musl alike): {@code {handler; sigset_t sa_mask (128 bytes);
 *       int sa_flags; void (*sa_restorer)(void);}}, 152 bytes, flags at 136;</li>
 *   <li>macOS (x86-64 and arm64): {@code {handler; sigset_t sa_mask (4 bytes); int sa_flags;}}, 16 bytes,
 *       flags at 12.</li>
 * </ul>
 * Elsewhere (Windows, other Linux architectures) {@link #isSupported()} is false and nothing is read.
 */
public final class Signals {
    /** Linux's flag for the C library's signal-return trampoline. */
    private static final int SA_RESTORER = 0x04000000;
    private static final Layout LAYOUT = Layout.ofThisPlatform();
    private static final MethodHandle SIGACTION = LAYOUT == null ? null : sigaction();

    private Signals() {
    }

    /** What one signal does: its number and the {@code struct sigaction} read for it. */
    public record Disposition(int signal, byte[] action) {
        public Disposition {
            action = action.clone();
        }

        @Override
        public byte[] action() {
            return action.clone();
        }

        /** The handler's address, or 0 for {@code SIG_DFL}, 1 for {@code SIG_IGN}. */
        public long handler() {
            return MemorySegment.ofArray(action).get(JAVA_LONG.withByteAlignment(1), 0);
        }

        public int flags() {
            return MemorySegment.ofArray(action).get(JAVA_INT.withByteAlignment(1), LAYOUT.flagsOffset);
        }

        /**
         * Whether a signal with {@code other} is handled the same way: the same handler, and for a function
         * the same flags. The C library's own marker ({@code SA_RESTORER} on Linux, which glibc adds to
         * every disposition it installs) is not compared, nor are the flags of {@code SIG_DFL}/{@code SIG_IGN}.
         */
        public boolean sameHandling(Disposition other) {
            if (signal != other.signal || handler() != other.handler()) {
                return false;
            }
            return handler() <= 1 || (flags() & ~LAYOUT.libraryFlags) == (other.flags() & ~LAYOUT.libraryFlags);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Disposition d && d.signal == signal && Arrays.equals(d.action, action);
        }

        @Override
        public int hashCode() {
            return 31 * signal + Arrays.hashCode(action);
        }

        @Override
        public String toString() {
            return "Disposition[signal=" + signal + ", handler=0x" + Long.toHexString(handler()) + ", flags=0x"
                    + Integer.toHexString(flags()) + "]";
        }
    }

    /** Whether dispositions can be read and set on this platform. */
    public static boolean isSupported() {
        return SIGACTION != null;
    }

    /** The number of signal {@code name} ("SIGSEGV") on this platform, if it has that signal. */
    public static Optional<Integer> number(String name) {
        return LAYOUT == null ? Optional.empty() : Optional.ofNullable(LAYOUT.numbers.get(name));
    }

    /** What {@code signal} does now. */
    public static Disposition current(int signal) {
        requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(LAYOUT.size, 8);
            call(signal, 0, action.address());
            return new Disposition(signal, action.toArray(JAVA_BYTE));
        }
    }

    /** Makes {@code disposition.signal()} do what {@code disposition} says again. */
    public static void install(Disposition disposition) {
        requireSupported();
        if (disposition.action.length != LAYOUT.size) {
            throw new IllegalArgumentException("disposition was not read on this platform: " + disposition);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(LAYOUT.size, 8);
            MemorySegment.copy(MemorySegment.ofArray(disposition.action), 0, action, 0, LAYOUT.size);
            call(disposition.signal, action.address(), 0);
        }
    }

    private static void call(int signal, long action, long previous) {
        int rc;
        try {
            rc = (int) CFunctions.call(SIGACTION, (long) signal, action, previous);
        } catch (Throwable t) {
            throw new IllegalStateException("sigaction(" + signal + ") failed", t);
        }
        if (rc != 0) {
            throw new IllegalStateException("sigaction(" + signal + ") returned " + rc);
        }
    }

    private static void requireSupported() {
        if (SIGACTION == null) {
            throw new UnsupportedOperationException("signal dispositions are not read on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    private static MethodHandle sigaction() {
        return CFunctions.ofLibc("sigaction").orElse(null);
    }

    /** {@code struct sigaction}'s size and flags offset, and the signal numbers, of one platform. */
    private record Layout(int size, int flagsOffset, int libraryFlags, Map<String, Integer> numbers) {
        static Layout ofThisPlatform() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            boolean knownArch = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64") || arch.equals("arm64");
            if (!knownArch) {
                return null;
            }
            if (os.startsWith("linux")) {
                return new Layout(152, 136, SA_RESTORER, Map.of("SIGILL", 4, "SIGABRT", 6, "SIGBUS", 7, "SIGFPE", 8, "SIGSEGV", 11));
            }
            if (os.startsWith("mac") || os.startsWith("darwin")) {
                return new Layout(16, 12, 0, Map.of("SIGILL", 4, "SIGABRT", 6, "SIGFPE", 8, "SIGBUS", 10, "SIGSEGV", 11));
            }
            return null;
        }
    }
}
