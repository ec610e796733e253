package io.pybridge.python;

import io.pybridge.python.Manifest.Depth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes the bundled Python ready in one cache folder: reuses an intact tree, or unpacks a new one
 * beside it and renames it into place, so a tree under its final name is always complete.
 *
 * <p>Everything happens under {@link CacheLock}: between threads and processes one unpacks, the
 * others wait and then reuse its tree. Under the lock, anything a crashed run left behind (a
 * half-written {@code .<name>.tmp-*}, a {@code .<name>.old-*} being deleted) is removed. A damaged
 * tree is first renamed aside, which takes it away at once even if deleting it takes long or
 * fails (a file still in use on Windows); it is deleted then or by a later run.
 */
final class CacheInstaller {
    private static final Logger log = LoggerFactory.getLogger(CacheInstaller.class);

    private final BundledArchives archives;
    private final PrefixLayout layout;
    private final UnpackEvents events;
    private final boolean precompile;

    CacheInstaller(BundledArchives archives, PrefixLayout layout, UnpackEvents events, boolean precompile) {
        this.archives = archives;
        this.layout = layout;
        this.events = events;
        this.precompile = precompile;
    }

    /** Returns the prefix of an intact tree in {@code place}, unpacking it when needed. */
    Path install(CachePlace place) throws IOException {
        Path folder = place.directory().toAbsolutePath().normalize();
        String name = archives.cacheName();
        Path target = folder.resolve(name);
        if (place.sharedTemp()) {
            Folders.createPrivate(folder);   // never use a shared-temp folder that may be someone else's
        }
        CacheLock lock;
        try {
            Files.createDirectories(folder);
            lock = CacheLock.acquire(folder.resolve(name + ".lock"));
        } catch (IOException e) {
            return reuseReadOnly(target, e);
        }
        try (lock) {
            removeLeftovers(folder, name);
            Optional<String> problem = check(target);
            if (problem.isEmpty()) {
                log.debug("Reusing the bundled Python at {}", target);
                return target;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                log.warn("The bundled Python at {} is damaged ({}); unpacking it again", target, problem.get());
                discard(target, folder.resolve("." + name + ".old-" + UUID.randomUUID()));
            }
            unpackInto(folder, name, target);
            return target;
        }
    }

    /** A folder we cannot write to may still hold a complete tree (made earlier, or by an administrator). */
    private Path reuseReadOnly(Path target, IOException cannotWrite) throws IOException {
        try {
            if (check(target).isEmpty()) {
                log.debug("Using the bundled Python at {} read-only ({})", target, cannotWrite.toString());
                return target;
            }
        } catch (IOException e) {
            cannotWrite.addSuppressed(e);
        }
        throw cannotWrite;
    }

    private Optional<String> check(Path target) throws IOException {
        return Manifest.check(target, archives.versions(), Depth.QUICK);
    }

    private void unpackInto(Path folder, String name, Path target) throws IOException {
        events.unpackStarted(target);
        log.info("Unpacking {} into {}; later starts reuse it", archives.describe(), target);
        long start = System.nanoTime();
        Path temporary = Files.createDirectory(folder.resolve("." + name + ".tmp-" + UUID.randomUUID()));
        try {
            new Unpacker(archives, layout, events, precompile).unpack(temporary, target);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Folders.deleteTree(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        log.info("Unpacked the bundled Python in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Renames a damaged tree out of the way, then tries to delete it. */
    private static void discard(Path tree, Path aside) throws IOException {
        Files.move(tree, aside, StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(aside);
    }

    private static void removeLeftovers(Path folder, String name) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder,
                "." + name + ".{tmp,old}-*")) {
            for (Path leftover : leftovers) {
                deleteQuietly(leftover);
            }
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            Folders.deleteTree(tree);
        } catch (IOException e) {
            log.debug("Could not delete {} yet ({}); a later start will try again", tree, e.toString());
        }
    }
}
