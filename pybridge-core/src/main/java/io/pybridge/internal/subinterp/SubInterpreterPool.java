package io.pybridge.internal.subinterp;

import io.pybridge.internal.runtime.PythonCode;

import io.pybridge.internal.runtime.CarrierThreads;
import io.pybridge.internal.runtime.CloseParticipant;
import io.pybridge.internal.runtime.GilReleasingWait;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonThreads;
import io.pybridge.internal.runtime.StopReason;
import io.pybridge.internal.runtime.ThreadContext;

import io.pybridge.convert.TypeRef;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.CStrings;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.SubInterpreterApi;
import io.pybridge.internal.convert.PythonToJava;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery of {@code io.pybridge.InterpreterPool}: worker threads, each owning one isolated
 * sub-interpreter with its own GIL, taking calls from one shared queue. Stops (cancelled or timed-out
 * futures, close) are delivered from a control thread of the pool's own.
 */
public final class SubInterpreterPool implements CloseParticipant {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final BlockingQueue<PoolTask> queue = new LinkedBlockingQueue<>();
    private final List<SubInterpreterWorker> workers = new ArrayList<>();
    private final Set<PoolTask> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService control;
    private final Duration closeTimeout;
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private SubInterpreterPool(int number, Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
        this.control = Executors.newSingleThreadExecutor(
                PythonThreads.single("pybridge-pool-" + number + "-control"));
    }

    /** Empty when pools can run on this interpreter, else why not. */
    public static Optional<String> unavailableReason() {
        if (!Interpreter.isRunning()) {
            throw Interpreter.notRunning();
        }
        if (SubInterpreterApi.isAvailable()) {
            return Optional.empty();
        }
        return Optional.of("an InterpreterPool needs Python 3.12 or later, where each sub-interpreter can have a GIL of "
                + "its own (PEP 684, Py_NewInterpreterFromConfig); this is Python " + Interpreter.runtime().version()
                + ", whose sub-interpreters all share one GIL and would run nothing in parallel");
    }

    /**
     * Starts {@code size} workers, each creating its sub-interpreter and running {@code setupCode} in its
     * {@code __main__}, and returns once all are ready.
     *
     * @throws UnsupportedOperationException on Python 3.11, saying why
     * @throws RuntimeException              what creating a sub-interpreter or its setup code raised
     */
    public static SubInterpreterPool start(int size, String setupCode, Duration closeTimeout) {
        unavailableReason().ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
        if (size < 1) {
            throw new IllegalArgumentException("an InterpreterPool needs at least one worker, not " + size);
        }
        CStrings.requireValid(setupCode, "setup code");
        int number = POOLS.incrementAndGet();
        SubInterpreterPool pool = new SubInterpreterPool(number, closeTimeout);
        MainState main = GilScope.call(SubInterpreterPool::mainState);
        for (int i = 0; i < size; i++) {
            pool.workers.add(new SubInterpreterWorker(pool.queue, main, setupCode,
                    "pybridge-pool-" + number + "-worker-" + (i + 1)));
        }
        pool.workers.forEach(SubInterpreterWorker::start);
        RuntimeException failure = null;
        for (SubInterpreterWorker worker : pool.workers) {
            try {
                GilReleasingWait.call(worker.ready::get);
            } catch (ExecutionException e) {
                failure = failure == null ? CarrierThreads.rethrow(e.getCause()) : failure;
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("starting the pool was interrupted", e) : failure;
            }
        }
        if (failure != null) {
            pool.refusing.set(true);
            pool.release();
            throw failure;
        }
        Interpreter.register(pool);
        return pool;
    }

    /**
     * What the sub-interpreters copy from the main interpreter: its {@code sys.path}, and the files of the
     * extension modules it has loaded (see {@link SubInterpreterWorker}'s extension guard).
     */
    record MainState(List<String> sysPath, List<String> loadedExtensions) {
    }

    private static final String MAIN_STATE = """
            (list(map(str, __import__('sys').path)),
             sorted({__import__('os').path.realpath(f) for m in list(__import__('sys').modules.values())
                     for f in [getattr(m, '__file__', None)]
                     if isinstance(f, str)
                     and f.endswith(tuple(__import__('importlib.machinery').machinery.EXTENSION_SUFFIXES))}))""";

    private static MainState mainState(ThreadContext ctx) {
        long state = PythonCode.run(ctx, MAIN_STATE, PyConstants.EVAL_INPUT, "<pybridge pool>");
        try {
            @SuppressWarnings("unchecked")
            List<List<String>> lists = (List<List<String>>) PythonToJava.convert(ctx, state,
                    new TypeRef<List<List<String>>>() { }.type());
            return new MainState(lists.get(0), lists.get(1));
        } finally {
            CPython.Py_DecRef(state);
        }
    }

    public int size() {
        return workers.size();
    }

    /**
     * Queues {@code module.function(*args)} for the next free worker.
     *
     * @throws IllegalStateException when the pool or the interpreter is closed
     */
    public CompletableFuture<Object> submit(String module, String function, List<Object> args, Class<?> resultType) {
        if (refusing.get()) {
            throw new IllegalStateException("this InterpreterPool is closed");
        }
        if (!Interpreter.isRunning()) {
            throw Interpreter.notRunning();
        }
        CStrings.requireValid(module, "module name");
        CStrings.requireValid(function, "function name");
        for (int i = 0; i < args.size(); i++) {
            PlainValues.requirePlain(args.get(i), "argument " + (i + 1) + " of " + module + "." + function);
        }
        PoolTask task = new PoolTask(module, function, args, resultType);
        inFlight.add(task);
        task.future.whenComplete((result, failure) -> {
            inFlight.remove(task);
            if (!task.run.preventStart() && task.run.isRunning()) {
                stop(task, StopReason.CANCELLED);
            }
        });
        queue.add(task);
        return task.future;
    }

    private void stop(PoolTask task, StopReason reason) {
        try {
            control.execute(() -> {
                SubInterpreterWorker worker = task.worker;
                if (worker != null) {
                    worker.deliverStop(task.run, reason);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The pool has been released: nothing runs any more.
        }
    }

    /**
     * Closes the pool: refuses new calls, fails queued ones, lets running ones finish within the close
     * timeout, stops those still running then, and ends the sub-interpreters.
     *
     * @throws IllegalStateException when a worker could not be ended (a call stuck in C code, threads
     *                               started in its sub-interpreter still running)
     */
    public void close() {
        if (released.get()) {
            return;
        }
        Interpreter.unregister(this);
        try {
            GilReleasingWait.call(() -> {
                refuseNewWork();
                long deadline = System.nanoTime() + closeTimeout.toNanos();
                if (!awaitIdle(deadline)) {
                    stopRunning(closeTimeout);
                    awaitIdle(System.nanoTime() + CloseParticipant.STOP_GRACE.toNanos());
                }
                release();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the InterpreterPool failed", e);
        }
    }

    private boolean awaitIdle(long deadline) throws InterruptedException {
        while (!running().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    @Override
    public void refuseNewWork() {
        refusing.set(true);
        for (PoolTask task : inFlight) {
            if (task.run.preventStart()) {
                task.future.completeExceptionally(new IllegalStateException(
                        "the InterpreterPool was closed before this call started"));
            }
        }
    }

    @Override
    public List<String> running() {
        List<String> running = new ArrayList<>();
        for (PoolTask task : inFlight) {
            if (task.run.isRunning()) {
                running.add(task.toString());
            }
        }
        return running;
    }

    @Override
    public void stopRunning(Duration waited) {
        for (PoolTask task : inFlight) {
            if (task.run.isRunning()) {
                // The stop goes first: completing the future queues a stop of its own (as a cancel).
                stop(task, StopReason.CLOSING);
                task.future.completeExceptionally(new IllegalStateException("closing stopped this InterpreterPool call: "
                        + "it was still running after close had waited " + waited + " for it"));
            }
        }
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        control.shutdown();
        for (int i = 0; i < workers.size(); i++) {
            queue.add(SubInterpreterWorker.STOP);
        }
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + 2 * CloseParticipant.STOP_GRACE.toNanos();
        for (SubInterpreterWorker worker : workers) {
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                worker.thread().join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.thread().isAlive()) {
                problems.add(worker.thread().getName() + " is still inside a call and cannot end its sub-interpreter");
            }
            worker.endFailure().ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the InterpreterPool could not end all its sub-interpreters: " + problems);
        }
    }
}
