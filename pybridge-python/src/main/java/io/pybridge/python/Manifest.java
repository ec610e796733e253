package io.pybridge.python;

import io.pybridge.python.PrefixLayout.Link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an unpacked tree holds: each file's path, size, modification time and CRC32C, each link's
 * target, the jar versions it came from and the folder it was made for (some of its files name
 * that folder, so a tree moved or copied elsewhere does not count as intact). Stored in {@value #MANIFEST_FILE} at the root of the
 * tree; {@value #MARKER_FILE}, written last, holds the manifest's own checksum and says the tree is
 * complete.
 *
 * <p>The {@link Depth#QUICK quick} check, done on every start, reads only file attributes: it finds
 * missing, truncated, replaced and rewritten files (a rewrite changes the modification time). The
 * {@link Depth#FULL full} check also reads every file and compares checksums. Files the tree gains
 * later (Python's {@code __pycache__}) are not the manifest's business.
 */
final class Manifest {
    static final String MANIFEST_FILE = ".pybridge-manifest";
    static final String MARKER_FILE = ".pybridge-complete";
    private static final String HEADER = "pybridge bundled-python manifest 1";

    enum Depth { QUICK, FULL }

    record FileEntry(String path, long size, long modifiedMillis, int crc32c) {
    }

    private final String prefix;
    private final Map<String, String> versions;
    private final List<FileEntry> files;
    private final List<Link> links;

    private Manifest(String prefix, Map<String, String> versions, List<FileEntry> files, List<Link> links) {
        this.prefix = prefix;
        this.versions = Map.copyOf(versions);
        this.files = List.copyOf(files);
        this.links = List.copyOf(links);
    }

    /**
     * Describes a freshly unpacked tree.
     *
     * @param tree        where the tree is now
     * @param finalPrefix where it will be used from
     * @param checksums   the CRC32C of every file, by path relative to the tree
     */
    static Manifest describe(Path tree, Path finalPrefix, Map<String, Integer> checksums, List<Link> links,
                             Map<String, String> versions) throws IOException {
        List<FileEntry> files = new ArrayList<>(checksums.size());
        for (Map.Entry<String, Integer> file : checksums.entrySet()) {
            BasicFileAttributes attributes = Files.readAttributes(tree.resolve(file.getKey()),
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            files.add(new FileEntry(file.getKey(), attributes.size(), attributes.lastModifiedTime().toMillis(),
                    file.getValue()));
        }
        files.sort(Comparator.comparing(FileEntry::path));
        List<Link> sortedLinks = new ArrayList<>(links);
        sortedLinks.sort(Comparator.comparing(Link::path));
        return new Manifest(location(finalPrefix), versions, files, sortedLinks);
    }

    List<FileEntry> files() {
        return files;
    }

    List<Link> links() {
        return links;
    }

    /** Writes the manifest, then the completion marker. */
    void write(Path prefix) throws IOException {
        byte[] text = format().getBytes(StandardCharsets.UTF_8);
        Files.write(prefix.resolve(MANIFEST_FILE), text);
        Files.writeString(prefix.resolve(MARKER_FILE), marker(text), StandardCharsets.UTF_8);
    }

    /**
     * Checks the tree at {@code prefix} against its manifest.
     *
     * @param versions the jar versions the tree must come from
     * @return what is wrong, or empty when the tree is complete and unaltered
     */
    static Optional<String> check(Path prefix, Map<String, String> versions, Depth depth) throws IOException {
        if (!Files.isDirectory(prefix, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(prefix + " does not exist");
        }
        Path markerFile = prefix.resolve(MARKER_FILE);
        Path manifestFile = prefix.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(markerFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("its completion marker " + MARKER_FILE + " is missing");
        }
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("its manifest " + MANIFEST_FILE + " is missing");
        }
        byte[] text = Files.readAllBytes(manifestFile);
        if (!marker(text).equals(Files.readString(markerFile, StandardCharsets.UTF_8))) {
            return Optional.of("its manifest does not match its completion marker");
        }
        Manifest manifest;
        try {
            manifest = parse(new String(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.of("its manifest is unreadable: " + e.getMessage());
        }
        if (!manifest.prefix.equals(location(prefix))) {
            return Optional.of("it was unpacked for " + manifest.prefix + ", not for this folder");
        }
        if (!manifest.versions.equals(versions)) {
            return Optional.of("it was unpacked from other jars " + manifest.versions + " than these " + versions);
        }
        return manifest.problem(prefix, depth);
    }

    private Optional<String> problem(Path prefix, Depth depth) throws IOException {
        for (FileEntry file : files) {
            Path path = prefix.resolve(file.path());
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.of(file.path() + " is missing");
            }
            if (!attributes.isRegularFile()) {
                return Optional.of(file.path() + " is not a regular file");
            }
            if (attributes.size() != file.size()) {
                return Optional.of(file.path() + " has " + attributes.size() + " bytes instead of " + file.size());
            }
            if (attributes.lastModifiedTime().toMillis() != file.modifiedMillis()) {
                return Optional.of(file.path() + " was modified after unpacking");
            }
            if (depth == Depth.FULL && Checksums.crc32c(path) != file.crc32c()) {
                return Optional.of(file.path() + " does not match its checksum");
            }
        }
        for (Link link : links) {
            Path path = prefix.resolve(link.path());
            if (!Files.isSymbolicLink(path)) {
                return Optional.of(link.path() + " is not a symbolic link");
            }
            if (!Files.readSymbolicLink(path).toString().equals(link.target())) {
                return Optional.of(link.path() + " does not point to " + link.target());
            }
        }
        return Optional.empty();
    }

    private static String location(Path prefix) {
        return prefix.toAbsolutePath().normalize().toString();
    }

    private static String marker(byte[] manifestText) {
        return "manifest crc32c=" + Integer.toHexString(Checksums.crc32c(manifestText))
                + " size=" + manifestText.length + "\n";
    }

    // Format: a header line, then tab-separated lines
    //   prefix <absolute path of the folder the tree was made for>
    //   version <artifact> <maven version>
    //   file <size> <mtime millis> <crc32c hex> <path>
    //   link <target> <path>
    // Paths are relative to the prefix, '/'-separated, and may hold anything but tabs and newlines.
    private String format() {
        StringBuilder out = new StringBuilder(files.size() * 96).append(HEADER).append('\n');
        out.append("prefix\t").append(prefix).append('\n');
        versions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(v ->
                out.append("version\t").append(v.getKey()).append('\t').append(v.getValue()).append('\n'));
        for (FileEntry file : files) {
            out.append("file\t").append(file.size()).append('\t').append(file.modifiedMillis()).append('\t')
                    .append(Integer.toHexString(file.crc32c())).append('\t').append(file.path()).append('\n');
        }
        for (Link link : links) {
            out.append("link\t").append(link.target()).append('\t').append(link.path()).append('\n');
        }
        return out.toString();
    }

    private static Manifest parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("it does not start with '" + HEADER + "'");
        }
        String prefix = null;
        Map<String, String> versions = new LinkedHashMap<>();
        List<FileEntry> files = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split("\t", -1);
            try {
                switch (fields[0]) {
                    case "prefix" -> {
                        requireFields(fields, 2);
                        prefix = fields[1];
                    }
                    case "version" -> {
                        requireFields(fields, 3);
                        versions.put(fields[1], fields[2]);
                    }
                    case "file" -> {
                        requireFields(fields, 5);
                        files.add(new FileEntry(fields[4], Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                                Integer.parseUnsignedInt(fields[3], 16)));
                    }
                    case "link" -> {
                        requireFields(fields, 3);
                        links.add(new Link(fields[2], fields[1]));
                    }
                    default -> throw new IllegalArgumentException("unknown kind '" + fields[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (prefix == null) {
            throw new IllegalArgumentException("it names no prefix");
        }
        return new Manifest(prefix, versions, files, links);
    }

    private static void requireFields(String[] fields, int count) {
        if (fields.length != count) {
            throw new IllegalArgumentException(count + " tab-separated fields expected, found " + fields.length);
        }
    }
}
