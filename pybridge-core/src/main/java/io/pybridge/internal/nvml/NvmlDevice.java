package io.pybridge.internal.nvml;

import java.lang.foreign.MemorySegment;

/**
 * An {@code nvmlDevice_t} handed out by one {@link NvmlLibrary}: opaque outside this package, so
 * that no other layer holds a native pointer.
 */
public final class NvmlDevice {
    private final NvmlLibrary library;
    private final int index;
    private final MemorySegment handle;

    NvmlDevice(NvmlLibrary library, int index, MemorySegment handle) {
        this.library = library;
        this.index = index;
        this.handle = handle;
    }

    /** The index it was looked up by ({@code nvmlDeviceGetHandleByIndex_v2}). */
    public int index() {
        return index;
    }

    MemorySegment handle(NvmlLibrary caller) {
        if (caller != library) {
            throw new IllegalArgumentException("NVML device " + index + " belongs to another NVML library ("
                    + library.location() + "), not to " + caller.location());
        }
        return handle;
    }
}
