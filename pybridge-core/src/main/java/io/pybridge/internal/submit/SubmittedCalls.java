package io.pybridge.internal.submit;

import io.pybridge.internal.runtime.CloseParticipant;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonThreads;
import io.pybridge.internal.runtime.StopReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code Python.submit}: calls run on an executor, each with a {@link PythonFuture} that stops the
 * Python code when it is cancelled, times out ({@code orTimeout}) or is otherwise completed from
 * outside while the code still runs.
 *
 * <p>The default executor is the bridge's own pool of daemon platform threads ({@code pybridge-async-N},
 * {@code max(4, 2 * cores)} of them, {@code -Dpybridge.asyncThreads} to change it), shut down by
 * {@code close()}. A caller's executor is used as it is and never shut down by the bridge; a
 * virtual-thread executor works too (each body then hops to a bridge platform thread, as any
 * {@code withGil} from a virtual thread does).
 */
public final class SubmittedCalls implements CloseParticipant {
    private static final int DEFAULT_THREADS = Integer.getInteger("pybridge.asyncThreads",
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final Set<Call<?>> inFlight = ConcurrentHashMap.newKeySet();

    private SubmittedCalls(Executor executor) {
        this.ownExecutor = executor == null ? Executors.newFixedThreadPool(DEFAULT_THREADS, PythonThreads.factory("pybridge-async")) : null;
        this.executor = executor == null ? ownExecutor : executor;
    }

    /**
     * Submitted calls for the running interpreter, which winds them down when it closes.
     *
     * @param executor where calls run, or {@code null} for the bridge's own pool
     */
    public static SubmittedCalls start(Executor executor) {
        SubmittedCalls calls = new SubmittedCalls(executor);
        Interpreter.register(calls);
        return calls;
    }

    /** The executor calls run on. */
    public Executor executor() {
        return executor;
    }

    /**
     * Queues {@code work} on the executor. {@code work} receives the call's {@link StoppableRun} and must
     * run the Python code inside {@link StoppableRun#run}, holding the GIL.
     *
     * @throws IllegalStateException when the interpreter is not running
     */
    public <T> CompletableFuture<T> submit(Function<StoppableRun, T> work) {
        if (!Interpreter.isRunning()) {
            throw Interpreter.notRunning();
        }
        Call<T> call = new Call<>(work);
        inFlight.add(call);
        call.future.whenComplete((result, failure) -> call.stopIfStillRunning());
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            inFlight.remove(call);
            call.run.preventStart();
            call.future.completeExceptionally(new IllegalStateException(
                    "the executor refused the call (" + e.getMessage() + "); was it shut down?", e));
        }
        return call.future;
    }

    /** How many calls are queued or running; for tests and diagnostics. */
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public void refuseNewWork() {
        for (Call<?> call : inFlight) {
            if (call.run.preventStart()) {
                call.future.completeExceptionally(new IllegalStateException(
                        "Python was closed before this submitted call started"));
            }
        }
    }

    @Override
    public List<String> running() {
        List<String> running = new ArrayList<>();
        for (Call<?> call : inFlight) {
            if (call.run.isRunning()) {
                running.add("submitted call " + call.name);
            }
        }
        return running;
    }

    @Override
    public void stopRunning(Duration waited) {
        for (Call<?> call : inFlight) {
            if (call.run.isRunning()) {
                call.future.completeExceptionally(new IllegalStateException("Python.close() stopped this call: it "
                        + "was still running after close had waited " + waited + " for it"));
            }
        }
    }

    @Override
    public void release() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    private final class Call<T> implements Runnable {
        private static final AtomicInteger NUMBERS = new AtomicInteger();

        final PythonFuture<T> future = new PythonFuture<>();
        final StoppableRun run = new StoppableRun();
        final String name = "#" + NUMBERS.incrementAndGet();
        private final Function<StoppableRun, T> work;

        Call(Function<StoppableRun, T> work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (future.isDone()) {
                inFlight.remove(this);
                return;
            }
            T result = null;
            Throwable failure = null;
            try {
                result = work.apply(run);
            } catch (Throwable t) {
                failure = t;
            }
            inFlight.remove(this);
            if (failure == null) {
                future.complete(result);
            } else {
                future.completeExceptionally(failure);
            }
        }

        /** The future completed: if that was not the call itself finishing, its code must stop. */
        void stopIfStillRunning() {
            if (!run.preventStart() && run.isRunning()) {
                CallStopper.stop(run, StopReason.CANCELLED);
            }
        }

        @Override
        public String toString() {
            return "submitted call " + name;
        }
    }
}
