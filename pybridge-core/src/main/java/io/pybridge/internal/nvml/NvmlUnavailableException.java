package io.pybridge.internal.nvml;

/**
 * No NVML library could be opened and bound: none was found where the platform keeps it, the one
 * found could not be loaded, or it lacks a function the binding needs. The message lists what was
 * tried.
 */
public final class NvmlUnavailableException extends Exception {
    NvmlUnavailableException(String message) {
        super(message);
    }
}
