package io.pybridge.internal.runtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One bridge thread per platform thread whose stack is too small for Python: it runs that thread's Python
 * work while the thread waits, and ends soon after the thread does.
 *
 * <p>Handing such work to a shared pool would give each call whichever Python thread state the pool
 * thread has: {@code threading.local} data, {@code decimal}'s context or numpy's error settings made by
 * one call would be gone in the next from the same Java thread. A companion keeps them, as the thread's
 * own state would. It also never waits for a pool, so bodies that wait for each other's threads cannot
 * starve one another.
 */
final class CompanionThreads {
    /** How often an idle companion checks whether its thread is still alive. */
    private static final long IDLE_CHECK_SECONDS = 1;
    private static final ThreadLocal<Companion> OWN = new ThreadLocal<>();

    private CompanionThreads() {
    }

    /** Queues {@code work} on the calling platform thread's companion, starting one if needed. */
    static <T> Future<T> submit(Callable<T> work) {
        Companion companion = OWN.get();
        if (companion == null || !companion.thread.isAlive()) {
            companion = new Companion(Thread.currentThread());
            OWN.set(companion);
        }
        FutureTask<T> task = new FutureTask<>(work);
        companion.tasks.add(task);
        return task;
    }

    private static final class Companion implements Runnable {
        private final Thread owner;
        private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        private final Thread thread;

        Companion(Thread owner) {
            this.owner = owner;
            this.thread = PythonThreads.unstarted("pybridge-companion-" + owner.getName(), this);
            thread.start();
        }

        @Override
        public void run() {
            while (true) {
                Runnable task;
                try {
                    task = tasks.poll(IDLE_CHECK_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    continue;
                }
                if (task != null) {
                    task.run();
                } else if (!owner.isAlive()) {
                    return;
                }
            }
        }
    }
}
