package io.pybridge.ml;

/** Memory before and after a model was loaded or unloaded. */
public record MemoryReport(String model, MemoryUsage before, MemoryUsage after) {

    /** How much the process's resident set shrank (positive) or grew (negative). */
    public long residentBytesFreed() {
        return before.residentBytes() - after.residentBytes();
    }

    /** How much GPU memory was given back, 0 without a GPU. */
    public long gpuBytesFreed() {
        if (before.gpuUsedBytes().isEmpty() || after.gpuUsedBytes().isEmpty()) {
            return 0;
        }
        return before.gpuUsedBytes().getAsLong() - after.gpuUsedBytes().getAsLong();
    }

    @Override
    public String toString() {
        return model + ": " + before + " -> " + after;
    }
}
