package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles for C functions of pointers and integers, all passed and returned as 64-bit values
 * ({@code long}), the way {@link CPython}'s are: every 64-bit C ABI passes and returns an {@code int} in the
 * register a {@code long} uses (the callee reads the low half, and a sign-extended value is what RISC-V and
 * POWER expect), so a caller casts an {@code int} argument to {@code long} and an {@code int} result back
 * with {@code (int) (long)}. Functions of the same arity then share one downcall stub; each distinct stub
 * costs a JVM start some 4 ms to make.
 */
public final class CFunctions {
    /** Whether this JVM passes a {@code long} in one register, which the rule above needs (every JDK 25 linker but 32-bit ARM's). */
    public static final boolean SIXTY_FOUR_BIT = ValueLayout.ADDRESS.byteSize() == 8;

    private static final Linker LINKER = Linker.nativeLinker();

    private CFunctions() {
    }

    /**
     * The handle of a function of the C library ({@link Linker#defaultLookup()}) taking {@code arguments}
     * 64-bit values and returning one: {@code (long, ...) -> long}; empty when the library lacks it.
     */
    public static Optional<MethodHandle> ofLibc(String name, int arguments) {
        return LINKER.defaultLookup().find(name).map(symbol -> of(symbol, arguments));
    }

    /** {@link #ofLibc}, for a function the C library must have. */
    public static MethodHandle requiredOfLibc(String name, int arguments) {
        return ofLibc(name, arguments).orElseThrow(() -> new UnsatisfiedLinkError(name + " not found in the C library"));
    }

    /** The handle of the function at {@code symbol}: {@code (long × arguments) -> long}. */
    private static MethodHandle of(MemorySegment symbol, int arguments) {
        ValueLayout[] parameters = new ValueLayout[arguments];
        Arrays.fill(parameters, JAVA_LONG);
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_LONG, parameters));
    }
}
