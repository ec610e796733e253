package io.pybridge.internal.nvml;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NVIDIA Management Library (NVML) called directly: the handful of functions that report GPU
 * devices and their memory. No Python and no CUDA toolkit are needed, only the driver's
 * {@code libnvidia-ml.so.1} / {@code nvml.dll}.
 *
 * <p><b>Why an instance with final fields, not a holder class of static final handles.</b> Which
 * library is bound is only known at run time (found by name, at a driver folder, or a file the
 * caller names), and tests bind several different files in one JVM. A holder class would tie the
 * handles to the first library for the life of the JVM. What a holder would buy, the JIT treating
 * the handles as constants and inlining the downcall, is worth nothing here: these calls run at
 * monitoring frequency and each one waits on the driver far longer than a non-inlined handle costs.
 *
 * <p><b>No {@code Linker.Option.critical}.</b> NVML calls can block in the driver (an init talks
 * to the kernel module, a lost GPU times out), and a critical call would hold off every safepoint
 * of the JVM for that long.
 *
 * <p><b>Never unloaded.</b> The library is opened in the global arena: NVML may leave driver
 * threads or handlers behind after {@code nvmlShutdown}, and unmapping code still referenced would
 * crash the process. Each open only adds a reference inside the dynamic loader.
 *
 * <p>Thread-safe: NVML itself is, and every call here uses its own confined scratch memory.
 * Calls before {@link #init()} or after {@link #shutdown()} are answered by NVML with
 * {@code NVML_ERROR_UNINITIALIZED}; pairing them correctly is the caller's job.
 */
public final class NvmlLibrary {
    /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}: the largest name NVML returns, NUL included. */
    private static final int DEVICE_NAME_BUFFER_SIZE = 96;
    /** {@code NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE}. */
    private static final int DRIVER_VERSION_BUFFER_SIZE = 80;

    /** {@code nvmlMemory_t}: three {@code unsigned long long}, in this order. */
    private static final StructLayout NVML_MEMORY = MemoryLayout.structLayout(
            JAVA_LONG.withName("total"), JAVA_LONG.withName("free"), JAVA_LONG.withName("used"));
    private static final long TOTAL_OFFSET = NVML_MEMORY.byteOffset(groupElement("total"));
    private static final long FREE_OFFSET = NVML_MEMORY.byteOffset(groupElement("free"));
    private static final long USED_OFFSET = NVML_MEMORY.byteOffset(groupElement("used"));

    private static final Linker LINKER = Linker.nativeLinker();

    private final String location;
    private final MethodHandle nvmlInit;
    private final MethodHandle nvmlShutdown;
    private final MethodHandle nvmlDeviceGetCount;
    private final MethodHandle nvmlDeviceGetHandleByIndex;
    private final MethodHandle nvmlDeviceGetName;
    private final MethodHandle nvmlDeviceGetMemoryInfo;
    private final MethodHandle nvmlErrorString;
    /** Null when the library does not export it: the version is an extra, not a reason to refuse NVML. */
    private final MethodHandle nvmlSystemGetDriverVersion;

    private NvmlLibrary(String location, SymbolLookup symbols) throws NvmlUnavailableException {
        this.location = location;
        SymbolBinder binder = new SymbolBinder(location, symbols);
        nvmlInit = binder.required("nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
        nvmlShutdown = binder.required("nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
        nvmlDeviceGetCount = binder.required("nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        nvmlDeviceGetHandleByIndex = binder.required("nvmlDeviceGetHandleByIndex_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        nvmlDeviceGetName = binder.required("nvmlDeviceGetName",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        nvmlDeviceGetMemoryInfo = binder.required("nvmlDeviceGetMemoryInfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        nvmlErrorString = binder.required("nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        nvmlSystemGetDriverVersion = binder.optional("nvmlSystemGetDriverVersion",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    /**
     * Opens the first of {@code locations} that loads and binds it.
     *
     * @throws NvmlUnavailableException none could be loaded ({@code libnvidia-ml.so.1 not found
     *         (tried: ...)}), or the one loaded lacks a function this binding needs
     */
    public static NvmlLibrary open(NvmlLocations locations) throws NvmlUnavailableException {
        if (locations.candidates().isEmpty()) {
            throw new NvmlUnavailableException("NVML is not available on " + locations.platform()
                    + ": NVIDIA ships no NVML library for it");
        }
        List<String> tried = new ArrayList<>();
        boolean anyFileExisted = false;
        for (NvmlLocations.Candidate candidate : locations.candidates()) {
            Optional<SymbolLookup> symbols = load(candidate);
            if (symbols.isPresent()) {
                return new NvmlLibrary(candidate.describe(), symbols.get());
            }
            if (!candidate.byName() && isFile(candidate.location())) {
                anyFileExisted = true;
                tried.add(candidate.location() + " (exists, but the dynamic loader refused it)");
            } else {
                tried.add(candidate.describe());
            }
        }
        throw new NvmlUnavailableException(locations.libraryName()
                + (anyFileExisted ? " could not be loaded" : " not found")
                + " (tried: " + String.join(", ", tried) + ")");
    }

    private static Optional<SymbolLookup> load(NvmlLocations.Candidate candidate) {
        try {
            return Optional.of(candidate.byName()
                    ? SymbolLookup.libraryLookup(candidate.location(), Arena.global())
                    : SymbolLookup.libraryLookup(Path.of(candidate.location()), Arena.global()));
        } catch (IllegalArgumentException notLoadable) { // InvalidPathException is one too
            return Optional.empty();
        }
    }

    private static boolean isFile(String location) {
        try {
            return Files.isRegularFile(Path.of(location));
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }

    /** Where the library was found, as a "tried:" list would name it. */
    public String location() {
        return location;
    }

    /** {@code nvmlInit_v2}: NVML counts inits, and each successful one needs one {@link #shutdown()}. */
    public void init() {
        int result;
        try {
            result = (int) nvmlInit.invokeExact();
        } catch (Throwable t) {
            throw propagate(t);
        }
        check("nvmlInit_v2", result);
    }

    /** {@code nvmlShutdown}: undoes one {@link #init()}. */
    public void shutdown() {
        int result;
        try {
            result = (int) nvmlShutdown.invokeExact();
        } catch (Throwable t) {
            throw propagate(t);
        }
        check("nvmlShutdown", result);
    }

    /** {@code nvmlDeviceGetCount_v2}: devices this process may see (CUDA_VISIBLE_DEVICES does not apply). */
    public int deviceCount() {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment count = scratch.allocate(JAVA_INT);
            int result;
            try {
                result = (int) nvmlDeviceGetCount.invokeExact(count);
            } catch (Throwable t) {
                throw propagate(t);
            }
            check("nvmlDeviceGetCount_v2", result);
            return count.get(JAVA_INT, 0);
        }
    }

    /** {@code nvmlDeviceGetHandleByIndex_v2}. */
    public NvmlDevice device(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("NVML device index must be 0 or more, got " + index);
        }
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment handle = scratch.allocate(ADDRESS);
            int result;
            try {
                result = (int) nvmlDeviceGetHandleByIndex.invokeExact(index, handle);
            } catch (Throwable t) {
                throw propagate(t);
            }
            check("nvmlDeviceGetHandleByIndex_v2", result);
            return new NvmlDevice(this, index, handle.get(ADDRESS, 0));
        }
    }

    /** {@code nvmlDeviceGetName}, e.g. {@code NVIDIA H200}. */
    public String deviceName(NvmlDevice device) {
        MemorySegment handle = device.handle(this);
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment name = scratch.allocate(DEVICE_NAME_BUFFER_SIZE);
            int result;
            try {
                result = (int) nvmlDeviceGetName.invokeExact(handle, name, DEVICE_NAME_BUFFER_SIZE);
            } catch (Throwable t) {
                throw propagate(t);
            }
            check("nvmlDeviceGetName", result);
            return terminatedString(name);
        }
    }

    /** {@code nvmlDeviceGetMemoryInfo}. */
    public NvmlMemoryInfo memoryInfo(NvmlDevice device) {
        MemorySegment handle = device.handle(this);
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment memory = scratch.allocate(NVML_MEMORY);
            int result;
            try {
                result = (int) nvmlDeviceGetMemoryInfo.invokeExact(handle, memory);
            } catch (Throwable t) {
                throw propagate(t);
            }
            check("nvmlDeviceGetMemoryInfo", result);
            return new NvmlMemoryInfo(memory.get(JAVA_LONG, TOTAL_OFFSET), memory.get(JAVA_LONG, FREE_OFFSET),
                    memory.get(JAVA_LONG, USED_OFFSET));
        }
    }

    /** {@code nvmlSystemGetDriverVersion}, e.g. {@code 580.159.03}; empty when the library lacks it. */
    public Optional<String> driverVersion() {
        if (nvmlSystemGetDriverVersion == null) {
            return Optional.empty();
        }
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment version = scratch.allocate(DRIVER_VERSION_BUFFER_SIZE);
            int result;
            try {
                result = (int) nvmlSystemGetDriverVersion.invokeExact(version, DRIVER_VERSION_BUFFER_SIZE);
            } catch (Throwable t) {
                throw propagate(t);
            }
            check("nvmlSystemGetDriverVersion", result);
            return Optional.of(terminatedString(version));
        }
    }

    /** {@code nvmlErrorString}: NVML's own words for a return code, e.g. {@code Driver Not Loaded}. */
    public String errorText(int returnCode) {
        MemorySegment text;
        try {
            text = (MemorySegment) nvmlErrorString.invokeExact(returnCode);
        } catch (Throwable t) {
            throw propagate(t);
        }
        if (text.equals(MemorySegment.NULL)) {
            return "NVML gave no text for it";
        }
        // A pointer to a static NUL-terminated string of unknown length: read up to its NUL.
        return text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private void check(String function, int result) {
        if (result != NvmlReturnCodes.SUCCESS) {
            throw new NvmlCallException(function, result, errorText(result));
        }
    }

    /** NVML fills the buffer with a NUL-terminated string; the last byte is forced to NUL in case it did not. */
    private static String terminatedString(MemorySegment buffer) {
        buffer.set(JAVA_BYTE, buffer.byteSize() - 1, (byte) 0);
        return buffer.getString(0);
    }

    /** invokeExact declares Throwable; a downcall itself throws only unchecked exceptions and errors. */
    private static RuntimeException propagate(Throwable thrown) {
        if (thrown instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("NVML downcall failed", thrown);
    }

    private record SymbolBinder(String location, SymbolLookup symbols) {
        MethodHandle required(String name, FunctionDescriptor descriptor) throws NvmlUnavailableException {
            MemorySegment address = symbols.find(name).orElseThrow(() -> new NvmlUnavailableException(
                    location + " has no " + name + ": not an NVML library, or one older than NVML's v2"
                            + " functions (NVIDIA driver 3xx)"));
            return LINKER.downcallHandle(address, descriptor);
        }

        MethodHandle optional(String name, FunctionDescriptor descriptor) {
            return symbols.find(name).map(address -> LINKER.downcallHandle(address, descriptor)).orElse(null);
        }
    }
}
