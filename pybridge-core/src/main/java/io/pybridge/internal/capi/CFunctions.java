package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The one shape in which the bridge calls C functions of pointers and integers, {@link CPython}'s and the
 * C library's: four 64-bit arguments ({@code long}) and a 64-bit result, {@link #INTEGERS}. The JDK makes a
 * downcall stub per shape, and the first stub of each costs a JVM some 5 ms to make; with one shape for
 * all such functions (and one more for those called as critical), a start makes two where it made nine.
 *
 * <p>Why this is sound in every 64-bit C ABI the JDK's linker supports (x86-64 System V and Windows,
 * AArch64, RISC-V, POWER, s390x): the first four integer arguments travel in registers, so a function of
 * fewer arguments never reads the registers of the others, which the caller fills with 0; an {@code int}
 * argument or result travels in the register a {@code long} uses (the callee reads the low half, and a
 * sign-extended value is what RISC-V and POWER expect), so a caller casts an {@code int} argument to
 * {@code long} and an {@code int} result back with {@code (int)}; a {@code void} function leaves the return
 * register as the caller expects any callee to, clobbered, and its result is ignored. None of the functions
 * bound this way is variadic. Functions of a {@code double} keep a shape of their own.
 */
public final class CFunctions {
    /** Whether this JVM passes a {@code long} in one register, which the rules above need (every JDK 25 linker but 32-bit ARM's). */
    public static final boolean SIXTY_FOUR_BIT = ValueLayout.ADDRESS.byteSize() == 8;

    /** {@code (long, long, long, long) -> long}: how every function of up to four integer arguments is bound. */
    public static final FunctionDescriptor INTEGERS = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    private static final Linker LINKER = Linker.nativeLinker();

    private CFunctions() {
    }

    /**
     * The handle of a function of the C library ({@link Linker#defaultLookup()}) taking up to four pointers
     * or integers, bound as {@link #INTEGERS} and called through {@link #call}; empty when the library lacks it.
     */
    public static Optional<MethodHandle> ofLibc(String name) {
        Optional<MemorySegment> symbol = LINKER.defaultLookup().find(name);
        return symbol.isEmpty() ? Optional.empty() : Optional.of(of(symbol.get()));
    }

    /** {@link #ofLibc}, for a function the C library must have. */
    public static MethodHandle requiredOfLibc(String name) {
        Optional<MethodHandle> function = ofLibc(name);
        if (function.isEmpty()) {
            throw new UnsatisfiedLinkError(name + " not found in the C library");
        }
        return function.get();
    }

    private static MethodHandle of(MemorySegment symbol) {
        return DowncallShapes.bind(symbol, INTEGERS, false);
    }

    /** Calls a function of no arguments bound as {@link #INTEGERS}. */
    public static long call(MethodHandle function) throws Throwable {
        return (long) function.invokeExact(0L, 0L, 0L, 0L);
    }

    /** Calls a function of one argument bound as {@link #INTEGERS}. */
    public static long call(MethodHandle function, long a0) throws Throwable {
        return (long) function.invokeExact(a0, 0L, 0L, 0L);
    }

    /** Calls a function of two arguments bound as {@link #INTEGERS}. */
    public static long call(MethodHandle function, long a0, long a1) throws Throwable {
        return (long) function.invokeExact(a0, a1, 0L, 0L);
    }

    /** Calls a function of three arguments bound as {@link #INTEGERS}. */
    public static long call(MethodHandle function, long a0, long a1, long a2) throws Throwable {
        return (long) function.invokeExact(a0, a1, a2, 0L);
    }
}
