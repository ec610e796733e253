package io.pybridge.examples.media.scan;

import io.pybridge.examples.media.GifStructure;
import io.pybridge.examples.media.MediaFormat;
import io.pybridge.examples.media.MediaKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Walks a folder tree and sorts its files into media, rejected and skipped files, by content:
 * a file's first bytes decide its format whatever its name says. A file whose name promises
 * media but whose content is not media, an empty one or an unreadable one is rejected with a
 * reason; other files are skipped. Links to files are followed, links to folders are not (no
 * cycles). Nothing a single file does stops the walk.
 */
public final class MediaWalker {
    private MediaWalker() {
    }

    /**
     * Scans {@code root} (a folder, walked recursively, or a single file).
     *
     * @throws IOException only if {@code root} itself cannot be read
     */
    public static FolderScan scan(Path root) throws IOException {
        BasicFileAttributes rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
        Collector collector = new Collector();
        if (rootAttributes.isDirectory()) {
            Files.walkFileTree(root, collector);
        } else {
            collector.classify(root);
        }
        collector.media.sort(Comparator.comparing(MediaFile::path));
        collector.rejected.sort(Comparator.comparing(RejectedFile::path));
        return new FolderScan(root, collector.media, collector.rejected, collector.skipped);
    }

    private static final class Collector extends SimpleFileVisitor<Path> {
        final List<MediaFile> media = new ArrayList<>();
        final List<RejectedFile> rejected = new ArrayList<>();
        int skipped;

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() || (attributes.isSymbolicLink() && Files.isRegularFile(file))) {
                classify(file);
            } else if (!attributes.isSymbolicLink() || !Files.isDirectory(file)) {
                skipped++; // devices, pipes, sockets, dangling links
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException error) {
            rejected.add(new RejectedFile(file, unreadable(error)));
            return FileVisitResult.CONTINUE;
        }

        void classify(Path file) {
            Optional<MediaFormat> byName = MediaFormat.ofFileName(file.getFileName().toString());
            byte[] head;
            long size;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(MediaFormat.SIGNATURE_LENGTH);
                size = Files.size(file);
            } catch (IOException e) {
                rejected.add(new RejectedFile(file, unreadable(e)));
                return;
            }
            Optional<MediaFormat> byContent = MediaFormat.ofContent(head);
            if (byContent.isPresent()) {
                media(file, byContent.get(), size);
            } else if (byName.isPresent()) {
                String reason = head.length == 0
                        ? "empty file"
                        : "named like a " + byName.get() + " file but its content is not a known media format (starts with "
                                + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(head.length, 8)) + ")";
                rejected.add(new RejectedFile(file, reason));
            } else {
                skipped++;
            }
        }

        private void media(Path file, MediaFormat format, long size) {
            MediaKind kind = format.kind();
            if (format == MediaFormat.GIF) {
                try {
                    kind = GifStructure.read(file, 2).frames() > 1 ? MediaKind.ANIMATION : MediaKind.IMAGE;
                } catch (IOException e) {
                    rejected.add(new RejectedFile(file, unreadable(e)));
                    return;
                }
            }
            media.add(new MediaFile(file, format, kind, size));
        }

        private static String unreadable(IOException error) {
            String message = error.getMessage();
            return "cannot be read: " + error.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
        }
    }
}
