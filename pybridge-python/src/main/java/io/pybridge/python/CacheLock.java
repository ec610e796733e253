package io.pybridge.python;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to check and change one cache folder, between threads and between processes.
 *
 * <p>A file lock belongs to the whole JVM (a second lock on the same file from the same JVM throws
 * {@link java.nio.channels.OverlappingFileLockException}), so threads first queue on a lock of
 * their own per lock file, then the winner takes the file lock. The lock file itself is never
 * deleted: deleting it would let two processes lock two different files of the same name.
 */
final class CacheLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheLock.class);
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

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
            FileLock fileLock = channel.tryLock();
            if (fileLock == null) {
                log.info("Waiting for another process to finish with {}", key.getParent());
                fileLock = channel.lock();
            }
            return new CacheLock(threadLock, channel, fileLock);
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

    @Override
    public void close() throws IOException {
        try (channel) {
            fileLock.release();
        } finally {
            threadLock.unlock();
        }
    }
}
