package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Segments over memory that Python owns (a buffer's data), for code outside this package to read.
 * Such a view must end when the bridge lets the memory go, so it belongs to an arena that the bridge
 * closes, and it must keep the memory's owner reachable for as long as the view itself is reachable.
 */
public final class NativeViews {

    private NativeViews() {
    }

    /**
     * A read-only segment over {@code size} bytes at {@code address}, valid until {@code arena} is
     * closed. {@code onClose} runs when it is; until then the segment keeps it, and all it refers to,
     * reachable (an arena's cleanup actions live as long as its segments).
     */
    public static MemorySegment readOnly(long address, long size, Arena arena, Runnable onClose) {
        return MemorySegment.ofAddress(address).reinterpret(size, arena, ignored -> onClose.run()).asReadOnly();
    }
}
