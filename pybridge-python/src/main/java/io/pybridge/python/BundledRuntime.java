package io.pybridge.python;

import io.pybridge.spi.BundledPython;
import io.pybridge.spi.BundledPythonProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled default Python: CPython 3.14 with numpy, taken from the {@code org.bytedeco}
 * {@code cpython}, {@code numpy} and {@code openblas} jars on the class path and unpacked once
 * into a per-user cache, where later starts (of this or any other JVM) reuse it.
 *
 * <p>The cache is {@code $PYBRIDGE_CACHE}, else the platform's per-user cache folder
 * ({@code ~/.cache/pybridge} on Linux); when that cannot be written, a private folder under
 * {@code java.io.tmpdir}, with a warning. Each start checks the unpacked tree against its manifest
 * and unpacks it again when it was damaged. Found by the core through {@link java.util.ServiceLoader}.
 */
public final class BundledRuntime implements BundledPythonProvider {
    private static final Logger log = LoggerFactory.getLogger(BundledRuntime.class);
    /** The system property that turns off compiling the modules when unpacking ({@link Precompiler}). */
    static final String BYTECODE_SWITCH = "pybridge.bundledBytecode";
    /** Fallbacks already warned about: discovery may unpack (find) the runtime more than once per JVM. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final List<CachePlace> places;
    private final ClassLoader classLoader;
    private final UnpackEvents events;
    private final boolean precompile;

    /**
     * The runtime as the service loader makes it: jars from this class's loader, the usual cache places,
     * modules compiled to bytecode when unpacked unless {@code -Dpybridge.bundledBytecode=false} (for a
     * container that unpacks at every start and may write bytecode as it imports).
     */
    public BundledRuntime() {
        this(CachePlaces.forThisJvm(), BundledRuntime.class.getClassLoader(), UnpackEvents.NONE,
                Boolean.parseBoolean(System.getProperty(BYTECODE_SWITCH, "true")));
    }

    /** @param precompile whether an unpack compiles the modules ({@link Precompiler}; tests that unpack often skip it) */
    BundledRuntime(List<CachePlace> places, ClassLoader classLoader, UnpackEvents events, boolean precompile) {
        if (places.isEmpty()) {
            throw new IllegalArgumentException("no cache places given");
        }
        this.places = List.copyOf(places);
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.events = Objects.requireNonNull(events, "events");
        this.precompile = precompile;
    }

    @Override
    public BundledPython unpack() throws IOException {
        try (BundledArchives archives = BundledArchives.open(classLoader,
                System.getProperty("os.name", ""), System.getProperty("os.arch", ""))) {
            PrefixLayout layout = new PrefixLayout(archives.pythonMajorMinor());
            CacheInstaller installer = new CacheInstaller(archives, layout, events, precompile);
            List<String> failures = new ArrayList<>();   // "place: reason", one per place tried
            for (CachePlace place : places) {
                try {
                    Path prefix = installer.install(place);
                    if (!failures.isEmpty() && WARNED.add(prefix + " " + failures)) {
                        log.warn("PyBridge could not use {}; the bundled Python is unpacked in {} instead, which the "
                                        + "system may clear. Set {} to a writable folder to keep it.",
                                String.join("; ", failures), prefix, CachePlaces.CACHE_VARIABLE);
                    }
                    return describe(prefix, archives, failures);
                } catch (IOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw e;   // asked to stop, not a reason to try elsewhere
                    }
                    log.debug("Cannot unpack the bundled Python in {}", place, e);
                    failures.add(place + ": " + reason(e));
                }
            }
            throw new IOException("cannot unpack the bundled " + archives.describe() + "; tried "
                    + String.join("; ", failures));
        }
    }

    private static BundledPython describe(Path prefix, BundledArchives archives, List<String> failures)
            throws IOException {
        Path libraryDir = prefix.resolve(PrefixLayout.LIBRARY_DIR);
        List<String> libraryFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(libraryDir)) {
            for (Path file : files) {
                libraryFiles.add(file.getFileName().toString());
            }
        }
        List<Path> preload = new ArrayList<>();
        for (String library : PrefixLayout.preloadLibraries(libraryFiles)) {
            preload.add(prefix.resolve(library));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LD_LIBRARY_PATH", libraryDir.toString());
        environment.put("PYTHONHOME", prefix.toString());
        String description = "bundled " + archives.describe() + ", unpacked at " + prefix
                + (failures.isEmpty() ? "" : " (temporary fallback; could not use " + String.join("; ", failures) + ")");
        return new BundledPython(prefix.resolve(PrefixLayout.EXECUTABLE), prefix, preload, environment, description);
    }

    /** The exception's kind and message: file-system exceptions often carry only a path. */
    private static String reason(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind.equals("IOException") ? message : kind + ": " + message;
    }
}
