package io.pybridge.internal.discovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps probe answers (the raw bytes the probe script printed) in memory and, for executables
 * that are not scripts, in a directory on disk, one file per {@link ProbeKey}. An entry that
 * cannot be read back whole, or that belongs to another key, counts as absent; the next
 * {@link #put} replaces it. Failing to write the disk cache only costs the next start a probe.
 */
final class ProbeCache {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeCache.class);
    private static final byte[] MAGIC = "pybridge-probe-cache 1\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> memory = new ConcurrentHashMap<>();
    private final Optional<Path> directory;

    /** @param directory where entries live on disk; empty keeps them in memory only */
    ProbeCache(Optional<Path> directory) {
        this.directory = directory;
    }

    /** {@code $XDG_CACHE_HOME/pybridge/probes}, else {@code ~/.cache/pybridge/probes}. */
    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pybridge").resolve("probes");
    }

    Optional<byte[]> get(ProbeKey key) {
        byte[] cached = memory.get(key.text());
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!key.persistent() || directory.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> stored = readEntry(directory.get().resolve(key.fileName()), key);
        if (stored.isPresent()) {
            memory.put(key.text(), stored.get());
        }
        return stored;
    }

    /** Drops an entry whose bytes turned out unusable, so that it is not served again. */
    void evict(ProbeKey key) {
        memory.remove(key.text());
    }

    void put(ProbeKey key, byte[] output) {
        memory.put(key.text(), output.clone());
        if (key.persistent() && directory.isPresent()) {
            writeEntry(directory.get(), key, output);
        }
    }

    private static Optional<byte[]> readEntry(Path file, ProbeKey key) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ByteBuffer entry = ByteBuffer.wrap(Files.readAllBytes(file));
            if (entry.remaining() < MAGIC.length) {
                return corrupt(file, "too short");
            }
            byte[] magic = new byte[MAGIC.length];
            entry.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return corrupt(file, "no cache header");
            }
            byte[] storedKey = chunk(entry);
            byte[] output = chunk(entry);
            if (storedKey == null || output == null || entry.hasRemaining()) {
                return corrupt(file, "wrong length");
            }
            if (!Arrays.equals(storedKey, key.text().getBytes(StandardCharsets.UTF_8))) {
                return corrupt(file, "written for another executable");
            }
            return Optional.of(output);
        } catch (IOException e) {
            LOG.debug("probe cache entry {} unreadable: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** A length-prefixed chunk, or null when the length does not fit what is left. */
    private static byte[] chunk(ByteBuffer entry) {
        if (entry.remaining() < 4) {
            return null;
        }
        int length = entry.getInt();
        if (length < 0 || length > entry.remaining()) {
            return null;
        }
        byte[] bytes = new byte[length];
        entry.get(bytes);
        return bytes;
    }

    private static Optional<byte[]> corrupt(Path file, String why) {
        LOG.debug("ignoring probe cache entry {}: {}", file, why);
        return Optional.empty();
    }

    private static void writeEntry(Path directory, ProbeKey key, byte[] output) {
        Path target = directory.resolve(key.fileName());
        try {
            Files.createDirectories(directory);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                byte[] keyBytes = key.text().getBytes(StandardCharsets.UTF_8);
                out.write(MAGIC);
                out.writeInt(keyBytes.length);
                out.write(keyBytes);
                out.writeInt(output.length);
                out.write(output);
            }
            Path temporary = Files.createTempFile(directory, key.fileName(), ".tmp");
            try {
                Files.write(temporary, buffer.toByteArray());
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            LOG.debug("could not write probe cache entry {}: {}", target, e.toString());
        }
    }
}
