package io.pybridge.internal.aio;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.convert.TypeRef;
import io.pybridge.internal.convert.CallableArgument;
import io.pybridge.internal.convert.HelperModule;
import io.pybridge.internal.runtime.CloseParticipant;
import io.pybridge.internal.runtime.ClosingCalls;
import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The bridge's asyncio event loop: one per interpreter, run by a bridge thread ({@code pybridge-asyncio},
 * with the stack Python needs), started by the first coroutine Java runs and stopped by
 * {@code Python.close()}. The Python half is {@code BridgeLoop} in {@code _pybridge_asyncio.py}.
 *
 * <p>The loop thread holds the GIL except while the loop waits for I/O or timers (asyncio's selector
 * releases it), so it counts as a thread inside the interpreter, and close winds it down as a
 * {@link CloseParticipant}: it refuses new coroutines, lets the loop stop once the coroutines Java started
 * have ended (within close's timeout), then cancels what is left, as {@code asyncio.run} does at its end.
 *
 * <p>Results are converted on the loop thread, where the GIL is at hand, but the Java futures are
 * completed on another thread ({@code pybridge-asyncio-completion}): stages chained to them then never run
 * on the loop thread, which would hold up every coroutine meanwhile.
 */
final class EventLoop implements CloseParticipant {
    static final HelperModule MODULE = new HelperModule("_pybridge_asyncio", EventLoop.class);

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final AtomicReference<EventLoop> CURRENT = new AtomicReference<>();
    /** How long cancelled tasks and the default executor get to end when the loop stops. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Type DONE_TYPE = new TypeRef<BiConsumer<Integer, PyRef>>() { }.type();

    private final PyRef bridgeLoop;
    private final Set<LoopCall<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread thread = PythonThreads.unstarted("pybridge-asyncio", this::run);
    /** Both start their threads on first use: a loop that loses the race to start costs nothing. */
    private final ExecutorService completions = Executors.newCachedThreadPool(PythonThreads.factory("pybridge-asyncio-completion"));
    private final ExecutorService control = Executors.newSingleThreadExecutor(PythonThreads.single("pybridge-asyncio-control"));
    private volatile boolean refusing;

    private EventLoop(PyRef bridgeLoop) {
        this.bridgeLoop = bridgeLoop;
    }

    /**
     * The running loop, started on first use. The caller holds the GIL: the loop's Python half is made
     * under it, and no Java lock is taken meanwhile (a thread waiting for one while holding the GIL could
     * deadlock); two threads starting it at once make the same Python loop, and one of them runs it.
     *
     * @throws IllegalStateException when the interpreter is closing or closed
     */
    static EventLoop current() {
        EventLoop loop = CURRENT.get();
        if (loop == null) {
            if (!Interpreter.isRunning()) {
                throw Interpreter.notRunning();
            }
            PyRef bridgeLoop;
            try (PyRef factory = MODULE.attribute("bridge_loop")) {
                bridgeLoop = factory.call();
            }
            EventLoop created = new EventLoop(bridgeLoop);
            if (CURRENT.compareAndSet(null, created)) {
                created.start();
            } else {
                created.release();
                bridgeLoop.close();
            }
            loop = CURRENT.get();
        }
        if (loop.refusing) {
            throw Interpreter.notRunning();
        }
        return loop;
    }

    private void start() {
        Interpreter.register(this);
        if (!Interpreter.isRunning()) {
            refusing = true;
            Interpreter.unregister(this);
            release();
            throw Interpreter.notRunning();
        }
        thread.start();
    }

    private void run() {
        Gil.serveCloseParticipant();
        try {
            GilScope.call(ctx -> {
                bridgeLoop.callMethod("run", Thread.currentThread().getName(), GRACE.toMillis() / 1000.0).close();
                return null;
            });
        } catch (RuntimeException e) {
            if (refusing) {
                LOG.debug("the asyncio event loop ended while Python closed", e);
            } else {
                LOG.error("the asyncio event loop ended unexpectedly; coroutines can no longer run", e);
            }
        } finally {
            refusing = true;
            for (LoopCall<?> call : inFlight) {
                call.fail(new IllegalStateException("the asyncio event loop stopped before this coroutine ended"));
            }
        }
    }

    /**
     * Runs {@code awaitable} (a borrowed PyRef) on the loop and returns its future, completed with the
     * result converted to {@code resultType}. The caller holds the GIL.
     */
    <T> LoopFuture<T> submit(PyRef awaitable, Type resultType, UnaryOperator<RuntimeException> context) {
        LoopCall<T> call = new LoopCall<>(this, resultType, context);
        inFlight.add(call);
        BiConsumer<Integer, PyRef> done = (state, value) -> {
            try (value) {
                call.settle(state, value);
            }
        };
        try {
            call.started(bridgeLoop.callMethod("submit", awaitable, new CallableArgument(done, DONE_TYPE)));
        } catch (RuntimeException e) {
            inFlight.remove(call);
            throw e;
        }
        return call.future;
    }

    Thread thread() {
        return thread;
    }

    void finished(LoopCall<?> call) {
        inFlight.remove(call);
    }

    /** Completes a future off the loop thread (inline once the completion threads are gone). */
    void complete(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closed) {
            completion.run();
        }
    }

    /** Cancels a call's task from the control thread: cancelling takes the GIL, and cancel() must not wait. */
    void cancelInPython(PyRef concurrentFuture) {
        try {
            control.execute(() -> {
                try {
                    concurrentFuture.callMethod("cancel").close();
                } catch (IllegalStateException closing) {
                    // Python is closing: close() cancels what is left on the loop itself.
                }
            });
        } catch (RejectedExecutionException closed) {
            // Closed already: the loop has ended, and its tasks with it.
        }
    }

    @Override
    public void refuseNewWork() {
        refusing = true;
        tellLoop("begin_close");
    }

    @Override
    public List<String> running() {
        List<String> running = new ArrayList<>();
        for (LoopCall<?> call : inFlight) {
            running.add("asyncio call " + call.name);
        }
        return running;
    }

    @Override
    public void stopRunning(Duration waited) {
        for (LoopCall<?> call : inFlight) {
            call.fail(new IllegalStateException("Python.close() stopped this asyncio call: it was still running after "
                    + "close had waited " + waited + " for it"));
        }
        tellLoop("stop");
        awaitLoopEnd();
    }

    /**
     * Gives the loop the time its own shutdown takes (cancelled tasks, then the default executor, each
     * within {@link #GRACE}) before close stops every thread still inside the interpreter: ended that way,
     * the tasks' {@code finally} blocks would not run.
     */
    private void awaitLoopEnd() {
        try {
            thread.join(GRACE.multipliedBy(2).plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void release() {
        control.shutdownNow();
        completions.shutdown();
    }

    /** Calls a method of the loop's Python half while close refuses ordinary entry. */
    private void tellLoop(String method) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            ClosingCalls.onMainThread(ctx -> {
                bridgeLoop.callMethod(method).close();
                return null;
            }, GRACE, "telling the asyncio event loop to " + method);
        } catch (RuntimeException e) {
            LOG.warn("Python.close(): could not tell the asyncio event loop to {}", method, e);
        }
    }
}
