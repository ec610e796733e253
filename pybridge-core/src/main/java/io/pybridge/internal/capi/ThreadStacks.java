package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the calling thread's native stack is and how far it has grown, from the C library.
 *
 * <p>{@link #currentExtent()} asks the thread library for the stack's bounds ({@code pthread_getattr_np}
 * on Linux, {@code pthread_get_stackaddr_np}/{@code pthread_get_stacksize_np} on macOS). {@link #stackPointer}
 * reads the stack pointer through {@code getcontext}, whose {@code ucontext_t} layout is fixed by the
 * platform ABI; it is known here for Linux on x86-64 only, elsewhere it answers 0 ("unknown") and
 * callers fall back to counting. Neither reads any library's private state.
 */
public final class ThreadStacks {
    /** Bounds of a thread's stack: it grows down from {@code high} towards {@code low}. */
    public record Extent(long low, long high) {
        public long size() {
            return high - low;
        }
    }

    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    private static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    private static final boolean LINUX = OS.startsWith("linux");
    private static final boolean MAC = OS.startsWith("mac");
    private static final long ATTR_BYTES = 256;
    /** {@code sizeof(ucontext_t)} is 968 bytes on x86-64 glibc; room to spare. */
    private static final long UCONTEXT_BYTES = 2048;
    /** {@code offsetof(ucontext_t, uc_mcontext.gregs[REG_RSP])} on Linux x86-64. */
    private static final long RSP_OFFSET = 160;

    private static final MethodHandle PTHREAD_SELF = handle("pthread_self");
    private static final MethodHandle GETATTR_NP = LINUX ? handle("pthread_getattr_np") : null;
    private static final MethodHandle ATTR_GETSTACK = LINUX ? handle("pthread_attr_getstack") : null;
    private static final MethodHandle ATTR_DESTROY = LINUX ? handle("pthread_attr_destroy") : null;
    private static final MethodHandle MAC_STACKADDR = MAC ? handle("pthread_get_stackaddr_np") : null;
    private static final MethodHandle MAC_STACKSIZE = MAC ? handle("pthread_get_stacksize_np") : null;
    private static final MethodHandle GETCONTEXT = LINUX && (ARCH.equals("amd64") || ARCH.equals("x86_64"))
            ? handle("getcontext") : null;

    private ThreadStacks() {
    }

    /** A C library function of 64-bit values ({@link CFunctions}), or null where the library lacks it. */
    private static MethodHandle handle(String name) {
        return CFunctions.ofLibc(name).orElse(null);
    }

    /** The calling thread's stack bounds, or empty where the platform cannot tell. */
    public static Optional<Extent> currentExtent() {
        try {
            if (GETATTR_NP != null && ATTR_GETSTACK != null && PTHREAD_SELF != null) {
                return linuxExtent();
            }
            if (MAC_STACKADDR != null && MAC_STACKSIZE != null && PTHREAD_SELF != null) {
                long self = CFunctions.call(PTHREAD_SELF);
                long high = CFunctions.call(MAC_STACKADDR, self);
                long size = CFunctions.call(MAC_STACKSIZE, self);
                return high == 0 || size <= 0 ? Optional.empty() : Optional.of(new Extent(high - size, high));
            }
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reading the thread's stack bounds failed", t);
        }
    }

    private static Optional<Extent> linuxExtent() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long attr = arena.allocate(ATTR_BYTES, 16).address();
            long out = arena.allocate(16, 8).address();
            if ((int) CFunctions.call(GETATTR_NP, CFunctions.call(PTHREAD_SELF), attr) != 0) {
                return Optional.empty();
            }
            try {
                if ((int) CFunctions.call(ATTR_GETSTACK, attr, out, out + 8) != 0) {
                    return Optional.empty();
                }
            } finally {
                long ignored = CFunctions.call(ATTR_DESTROY, attr);
            }
            long low = Memory.getLong(out);
            long size = Memory.getLong(out + 8);
            return low == 0 || size <= 0 ? Optional.empty() : Optional.of(new Extent(low, low + size));
        }
    }

    /** Whether {@link #stackPointer} can answer on this platform. */
    public static boolean knowsStackPointer() {
        return GETCONTEXT != null;
    }

    /**
     * The calling thread's stack pointer as the C library sees it just now, or 0 when unknown. Costs a
     * system call (getcontext saves the signal mask), so callers ask only when recursion is deep.
     *
     * @param scratch room for a {@code ucontext_t}; the caller releases it
     */
    public static long stackPointer(NativeScratch scratch) {
        if (GETCONTEXT == null) {
            return 0;
        }
        long context = scratch.allocate(UCONTEXT_BYTES);
        try {
            if ((int) CFunctions.call(GETCONTEXT, context) != 0) {
                return 0;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getcontext failed", t);
        }
        return Memory.getLong(context + RSP_OFFSET);
    }
}
