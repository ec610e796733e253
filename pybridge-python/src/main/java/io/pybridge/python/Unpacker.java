package io.pybridge.python;

import io.pybridge.python.PrefixLayout.Link;
import io.pybridge.python.PrefixLayout.Part;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Writes the bundled Python into an empty folder: the files of the three jars where
 * {@link PrefixLayout} puts them, checked against the jar's own CRC32 as they are written, then the
 * relocated text files, the development links, the modules' bytecode ({@link Precompiler}), and last the
 * manifest and its completion marker.
 */
final class Unpacker {
    private static final int BUFFER_SIZE = 1 << 16;

    private final BundledArchives archives;
    private final PrefixLayout layout;
    private final UnpackEvents events;
    private final boolean precompile;

    Unpacker(BundledArchives archives, PrefixLayout layout, UnpackEvents events, boolean precompile) {
        this.archives = archives;
        this.layout = layout;
        this.events = events;
        this.precompile = precompile;
    }

    /**
     * Unpacks into {@code dir}, which must exist and be empty.
     *
     * @param finalPrefix where {@code dir} will be renamed to; the relocated files name it
     */
    Manifest unpack(Path dir, Path finalPrefix) throws IOException {
        Map<String, Integer> checksums = new HashMap<>();
        Set<Path> madeFolders = new HashSet<>();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (Part part : Part.values()) {
            NativeArchive archive = archives.get(part);
            for (JarEntry entry : archive.files()) {
                String target = layout.target(part, archive.relativeName(entry));
                if (target == null) {
                    continue;
                }
                if (checksums.containsKey(target)) {
                    throw new IOException("two bundled jars hold " + target + " (the second is " + archive + ")");
                }
                Path file = inside(dir, target);
                Path parent = file.getParent();
                if (madeFolders.add(parent)) {
                    Files.createDirectories(parent);
                }
                checksums.put(target, copy(archive, entry, file, buffer));
                if (layout.executable(target)) {
                    Folders.makeExecutable(file);
                }
                events.fileWritten(file);
            }
        }
        for (String relocated : new Relocator(dir, finalPrefix, layout.pythonMajorMinor()).relocate()) {
            checksums.put(relocated, Checksums.crc32c(dir.resolve(relocated)));
        }
        List<Link> links = layout.developmentLinks(checksums.keySet());
        for (Link link : links) {
            Files.createSymbolicLink(inside(dir, link.path()), Path.of(link.target()));
        }
        if (precompile) {
            Precompiler.compile(dir, finalPrefix, layout.pythonMajorMinor());
        }
        Manifest manifest = Manifest.describe(dir, finalPrefix, checksums, links, archives.versions());
        manifest.write(dir);
        return manifest;
    }

    /** Copies one entry; returns the CRC32C of what was written. */
    private static int copy(NativeArchive archive, JarEntry entry, Path file, byte[] buffer) throws IOException {
        CRC32C written = new CRC32C();
        CRC32 asInJar = new CRC32();
        long size = 0;
        try (InputStream in = archive.open(entry);
             OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                written.update(buffer, 0, n);
                asInJar.update(buffer, 0, n);
                size += n;
            }
        }
        if ((entry.getCrc() != -1 && entry.getCrc() != asInJar.getValue())
                || (entry.getSize() != -1 && entry.getSize() != size)) {
            throw new IOException(entry.getName() + " in " + archive.location()
                    + " is damaged (its size or CRC does not match the jar's directory)");
        }
        return (int) written.getValue();
    }

    /** {@code dir}/{@code relative}, refusing names that would land outside {@code dir}. */
    private static Path inside(Path dir, String relative) throws IOException {
        Path path = dir.resolve(relative).normalize();
        if (!path.startsWith(dir) || path.equals(dir)) {
            throw new IOException("refusing to unpack '" + relative + "': it points outside " + dir);
        }
        return path;
    }
}
