package io.pybridge.internal.nvml;

/**
 * An NVML function returned something other than {@code NVML_SUCCESS}. The message names the
 * function, the return code as {@code nvml.h} spells it, and NVML's own text for it:
 * {@code nvmlInit_v2 failed: NVML_ERROR_DRIVER_NOT_LOADED (Driver Not Loaded)}.
 */
public final class NvmlCallException extends RuntimeException {
    private final String function;
    private final int returnCode;

    NvmlCallException(String function, int returnCode, String errorText) {
        super(function + " failed: " + NvmlReturnCodes.name(returnCode) + " (" + errorText + ")");
        this.function = function;
        this.returnCode = returnCode;
    }

    /** The NVML function that failed, e.g. {@code nvmlDeviceGetMemoryInfo}. */
    public String function() {
        return function;
    }

    /** The {@code nvmlReturn_t} it returned. */
    public int returnCode() {
        return returnCode;
    }
}
