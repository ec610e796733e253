package io.pybridge.python;

import io.pybridge.python.PrefixLayout.Part;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three jars of the bundled Python, opened from the class path together. */
final class BundledArchives implements AutoCloseable {
    /**
     * Version of the unpacked layout (what is unpacked where, what is rewritten). Part of the cache
     * folder's name: change it whenever the layout changes, so that an older tree is not reused.
     */
    static final int LAYOUT_VERSION = 2;   // 2: modules compiled to bytecode when unpacked

    private final Map<Part, NativeArchive> archives;

    private BundledArchives(Map<Part, NativeArchive> archives) {
        this.archives = archives;
    }

    /** Finds and opens the jars; fails with a message naming what is missing. */
    static BundledArchives open(ClassLoader loader, String osName, String osArch) throws IOException {
        if (!PrefixLayout.supports(osName, osArch)) {
            throw new IOException("the bundled Python exists for " + PrefixLayout.PLATFORM + " only; this JVM runs on "
                    + osName + " " + osArch + ": install CPython 3.11+ with a shared libpython and point PyBridge at it");
        }
        Map<Part, NativeArchive> opened = new EnumMap<>(Part.class);
        try {
            for (Part part : Part.values()) {
                opened.put(part, NativeArchive.open(loader, part.artifact, PrefixLayout.PLATFORM, part.probe));
            }
            return new BundledArchives(opened);
        } catch (IOException | RuntimeException e) {
            closeAll(opened.values(), e);
            throw e;
        }
    }

    NativeArchive get(Part part) {
        return archives.get(part);
    }

    /** The CPython version, e.g. {@code 3.14.3}. */
    String pythonVersion() {
        return get(Part.CPYTHON).upstreamVersion();
    }

    /** e.g. {@code 3.14}, as in {@code lib/python3.14}. */
    String pythonMajorMinor() {
        String[] parts = pythonVersion().split("\\.");
        if (parts.length < 2) {
            throw new IllegalStateException("org.bytedeco:cpython has an unexpected version: " + get(Part.CPYTHON).version());
        }
        return parts[0] + "." + parts[1];
    }

    /** The Maven version of each jar, by artifact id, in a fixed order. */
    Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (NativeArchive archive : archives.values()) {
            versions.put(archive.artifact(), archive.version());
        }
        return versions;
    }

    /**
     * The name of the cache folder for exactly these jars and this layout, readable in front and
     * exact at the end: {@code python-3.14.3-numpy-2.4.2-linux-x86_64-1a2b3c4d}.
     */
    String cacheName() {
        String key = "layout=" + LAYOUT_VERSION + ";" + versions();
        int hash = Checksums.crc32c(key.getBytes(StandardCharsets.UTF_8));
        return "python-" + pythonVersion() + "-numpy-" + get(Part.NUMPY).upstreamVersion() + "-"
                + PrefixLayout.PLATFORM + "-" + HexFormat.of().toHexDigits(hash);
    }

    /** e.g. {@code CPython 3.14.3 + numpy 2.4.2 from org.bytedeco jars (cpython 3.14.3-1.5.13, ...)}. */
    String describe() {
        List<String> jars = new ArrayList<>();
        for (Map.Entry<String, String> jar : versions().entrySet()) {
            jars.add(jar.getKey() + " " + jar.getValue());
        }
        return "CPython " + pythonVersion() + " + numpy " + get(Part.NUMPY).upstreamVersion()
                + " from org.bytedeco jars (" + String.join(", ", jars) + ")";
    }

    @Override
    public void close() throws IOException {
        IOException first = new IOException("closing the bundled Python jars");
        closeAll(archives.values(), first);
        if (first.getSuppressed().length > 0) {
            throw first;
        }
    }

    private static void closeAll(Iterable<NativeArchive> archives, Throwable failure) {
        for (NativeArchive archive : archives) {
            try {
                archive.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
