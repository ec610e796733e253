package io.pybridge.internal.nvml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where to look for the NVML library, in order: the places the NVIDIA driver installs it on each
 * platform. Pure data, so the list for any platform can be checked on any other.
 *
 * @param libraryName  the file looked for ({@code libnvidia-ml.so.1}, {@code nvml.dll}), for messages
 * @param platform     the operating system the list is for, for messages
 * @param candidates   what to try, first to last; empty where NVIDIA ships no NVML (macOS)
 */
public record NvmlLocations(String libraryName, String platform, List<Candidate> candidates) {

    /**
     * One place to try.
     *
     * @param location  a file path, or a bare library name when {@code byName}
     * @param byName    hand the bare name to the platform's loader ({@code dlopen}/{@code LoadLibrary}),
     *                  which searches the way every other program on the machine finds the library
     */
    public record Candidate(String location, boolean byName) {
        public Candidate {
            Objects.requireNonNull(location, "location");
        }

        /** How the candidate reads in a "tried:" list. */
        public String describe() {
            return byName ? location + " (by name)" : location;
        }
    }

    private static final String LINUX_LIBRARY = "libnvidia-ml.so.1";
    private static final String WINDOWS_LIBRARY = "nvml.dll";

    public NvmlLocations {
        Objects.requireNonNull(libraryName, "libraryName");
        Objects.requireNonNull(platform, "platform");
        candidates = List.copyOf(candidates);
    }

    /** Only {@code library}, opened by path: for a library the caller chose (and for test doubles). */
    public static NvmlLocations of(Path library) {
        Path absolute = library.toAbsolutePath();
        Path fileName = absolute.getFileName();
        return new NvmlLocations(fileName == null ? absolute.toString() : fileName.toString(),
                System.getProperty("os.name"), List.of(new Candidate(absolute.toString(), false)));
    }

    /** The places for the platform this JVM runs on. */
    public static NvmlLocations forThisPlatform() {
        return forPlatform(System.getProperty("os.name"), System.getProperty("os.arch"), System::getenv);
    }

    /**
     * The places for a platform.
     *
     * @param osName       as {@code os.name} reports it ({@code Linux}, {@code Windows 11}, {@code Mac OS X})
     * @param osArch       as {@code os.arch} reports it ({@code amd64}, {@code aarch64})
     * @param environment  environment variable lookup (Windows install folders); null for unset
     */
    public static NvmlLocations forPlatform(String osName, String osArch, Function<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new NvmlLocations(WINDOWS_LIBRARY, osName, windows(environment));
        }
        if (os.startsWith("linux")) {
            return new NvmlLocations(LINUX_LIBRARY, osName, linux(osArch));
        }
        return new NvmlLocations("NVML", osName, List.of());
    }

    /**
     * By name first (LD_LIBRARY_PATH, the ld.so cache, /lib and /usr/lib: what {@code nvidia-smi}
     * itself gets), then the folders drivers install into when the loader is not told about them:
     * the Debian multiarch folder, /usr/lib64 (Red Hat, SUSE), /usr/lib (Arch), the NVIDIA
     * container toolkit's /usr/local/nvidia/lib64, WSL 2's /usr/lib/wsl/lib and NixOS's
     * /run/opengl-driver/lib. The CUDA toolkit's {@code stubs/libnvidia-ml.so} is left out on
     * purpose: it is a link-time stub whose every call fails.
     */
    private static List<Candidate> linux(String osArch) {
        LinkedHashSet<Candidate> candidates = new LinkedHashSet<>();
        candidates.add(new Candidate(LINUX_LIBRARY, true));
        debianMultiarch(osArch).ifPresent(triplet -> candidates.add(linuxPath("/usr/lib/" + triplet)));
        for (String folder : List.of("/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib",
                "/run/opengl-driver/lib")) {
            candidates.add(linuxPath(folder));
        }
        return new ArrayList<>(candidates);
    }

    private static Candidate linuxPath(String folder) {
        return new Candidate(folder + "/" + LINUX_LIBRARY, false);
    }

    private static Optional<String> debianMultiarch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of("x86_64-linux-gnu");
            case "aarch64", "arm64" -> Optional.of("aarch64-linux-gnu");
            case "ppc64le" -> Optional.of("powerpc64le-linux-gnu");
            default -> Optional.empty();
        };
    }

    /**
     * System32 first, by full path (DCH drivers install there, and a full path cannot pick up a
     * planted DLL from the working folder), then the NVSMI folder of older standard drivers, then
     * the loader's own search by name.
     */
    private static List<Candidate> windows(Function<String, String> environment) {
        LinkedHashSet<Candidate> candidates = new LinkedHashSet<>();
        String systemRoot = folderVariable(environment, "SystemRoot").orElse("C:\\Windows");
        candidates.add(new Candidate(systemRoot + "\\System32\\" + WINDOWS_LIBRARY, false));
        for (String programFiles : List.of("ProgramW6432", "ProgramFiles")) {
            folderVariable(environment, programFiles).ifPresent(folder -> candidates.add(
                    new Candidate(folder + "\\NVIDIA Corporation\\NVSMI\\" + WINDOWS_LIBRARY, false)));
        }
        candidates.add(new Candidate(WINDOWS_LIBRARY, true));
        return new ArrayList<>(candidates);
    }

    private static Optional<String> folderVariable(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String folder = value.strip();
        while (folder.endsWith("\\") || folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder.isEmpty() ? Optional.empty() : Optional.of(folder);
    }
}
