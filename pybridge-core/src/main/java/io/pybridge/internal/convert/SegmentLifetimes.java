package io.pybridge.internal.convert;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Which Java memory Python may hold on to. Memory of the global scope is never freed, and memory of an
 * automatic arena ({@link Arena#ofAuto()}) is freed only once no segment of it is reachable, so keeping
 * the segment reachable from the Python object is enough. An arena that its owner closes
 * ({@link Arena#ofConfined()}, {@link Arena#ofShared()}) frees its memory whatever the bridge holds, so its
 * segments are refused.
 *
 * <p>The JDK has no public query for "can this scope be closed"; automatic arenas are recognised by
 * the class of their scope, compared with that of a fresh automatic arena. Should a JDK ever use one
 * class for all kinds of arena, the comparison cannot tell them apart and only global memory is accepted.
 */
final class SegmentLifetimes {
    private static final MemorySegment.Scope GLOBAL = Arena.global().scope();
    private static final Class<?> AUTOMATIC = automaticScopeClass();

    private SegmentLifetimes() {
    }

    private static Class<?> automaticScopeClass() {
        Class<?> automatic = Arena.ofAuto().scope().getClass();
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            if (automatic == confined.scope().getClass() || automatic == shared.scope().getClass()) {
                return null;
            }
        }
        return automatic;
    }

    /**
     * Fails unless {@code data} stays allocated for as long as it is reachable.
     *
     * @throws IllegalArgumentException naming what is wrong and what to do instead
     */
    static void requireHeldByReachability(MemorySegment data) {
        if (!data.isNative()) {
            throw new IllegalArgumentException("NDArray.wrap needs native memory; a heap segment (MemorySegment.ofArray) "
                    + "moves with the garbage collector. Pass the Java array itself (it is copied), or allocate the "
                    + "data with Arena.ofAuto()");
        }
        MemorySegment.Scope scope = data.scope();
        if (scope.equals(GLOBAL) || (AUTOMATIC != null && scope.getClass() == AUTOMATIC)) {
            return;
        }
        throw new IllegalArgumentException("NDArray.wrap cannot use memory of an arena that can be closed "
                + "(Arena.ofConfined, Arena.ofShared or a custom arena): closing it while Python still holds the array "
                + "would free memory numpy reads. Allocate the data with Arena.ofAuto(), which the numpy array then keeps "
                + "alive, or pass a Java array, which is copied");
    }
}
