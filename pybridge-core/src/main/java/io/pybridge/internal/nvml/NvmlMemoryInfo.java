package io.pybridge.internal.nvml;

/**
 * NVML's {@code nvmlMemory_t} for one device, in bytes. The fields are C {@code unsigned long long}
 * read into Java {@code long}: a figure of 2<sup>63</sup> bytes or more would read negative, which
 * no real device reports, so callers treat a negative figure as a broken answer.
 *
 * @param total  installed device memory
 * @param free   memory not allocated
 * @param used   memory allocated, including what the driver reserves (the v1 struct's meaning)
 */
public record NvmlMemoryInfo(long total, long free, long used) {
}
