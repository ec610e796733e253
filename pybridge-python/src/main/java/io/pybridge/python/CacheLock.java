package io.pybridge.python;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to check and change one cache folder, between threads and between processes.
 *
 * <p>A file lock belongs to the whole JVM (a second lock on the same file from the same JVM throws
 * {@link OverlappingFileLockException}), so threads first queue on a lock of their own per lock
 * file, then the winner takes the file lock. (A copy of this class in another class loader has
 * its own queue; its threads meet the overlap and retry.) The lock file itself is never deleted:
 * deleting it would let two processes lock two different files of the same name.
 */
final class CacheLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheLock.class);
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final long OVERLAP_RETRY_MILLIS = 50;

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private CacheLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits until this thread holds the lock on {@code lockFile}, creating the file when needed. */
    static CacheLock acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            threadLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + key);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new CacheLock(threadLock, channel, lockFile(channel, key));
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            threadLock.unlock();
            throw e;
        }
    }

    private static FileLock lockFile(FileChannel channel, Path key) throws IOException {
        boolean told = false;
        while (true) {
            try {
                FileLock fileLock = channel.tryLock();
                if (fileLock != null) {
                    return fileLock;
                }
                log.info("Waiting for another process to finish with {}", key.getParent());
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // Held in this JVM by a copy of this class from another class loader: wait for it.
                if (!told) {
                    log.info("Waiting for another user of {} in this JVM", key.getParent());
                    told = true;
                }
                try {
                    Thread.sleep(OVERLAP_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + key);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            fileLock.release();
        } finally {
            threadLock.unlock();
        }
    }
}
