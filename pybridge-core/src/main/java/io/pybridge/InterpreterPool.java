package io.pybridge;

import io.pybridge.internal.subinterp.SubInterpreterPool;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Isolated sub-interpreters, each with a GIL of its own, that run pure-Python work in real parallel.
 *
 * <p>One GIL lets one thread run Python bytecode at a time, however many Java threads call in. Since
 * Python 3.12 (PEP 684) a sub-interpreter can have its own GIL: a pool of them runs CPU-bound Python on
 * several cores at once. Each worker is a platform thread that owns one sub-interpreter for its whole
 * life; calls go to the next free worker.
 *
 * <pre>{@code
 * try (InterpreterPool pool = InterpreterPool.builder(python).workers(4)
 *         .setup("def score(text):\n    return sum(map(ord, text)) % 97\n").start()) {
 *     CompletableFuture<Long> s = pool.submit(Long.class, "__main__", "score", "some text");
 * }
 * }</pre>
 *
 * <h2>What crosses</h2>
 * Sub-interpreters share no objects, so only plain data goes in and out, copied: {@code null},
 * {@code Boolean}, integers ({@code Long} back, {@code BigInteger} when too large), {@code Double},
 * {@code String}, {@code byte[]}, {@code List}, {@code Set}, {@code Map}. Modules are imported anew in
 * each sub-interpreter (with the main interpreter's {@code sys.path} as it was when the pool started).
 * Extension modules that do not declare support for sub-interpreters refuse to import there, numpy
 * among them today: that fails with a {@link PythonImportException} saying so; run such code through
 * {@link Python#withGil} or {@link Python#submit}. C code that uses the {@code PyGILState} API is not
 * supported inside a sub-interpreter (a CPython limitation).
 *
 * <h2>Availability</h2>
 * On Python 3.11, sub-interpreters share one GIL; {@link #unsupportedReason} says so and
 * {@link #builder}'s {@code start()} throws {@link UnsupportedOperationException} with that reason. On a
 * free-threaded build the pool works too, though plain threads already run in parallel there.
 *
 * <h2>Cancelling and closing</h2>
 * Futures behave as {@link Python#submit}'s: cancelling one, or letting it time out, raises
 * {@code pybridge.CallCancelled} in the running code. {@link #close()} refuses new calls, fails queued
 * ones, gives running ones the close timeout, then stops them and ends the sub-interpreters.
 * {@link Python#close()} closes open pools the same way. Worker threads are daemons: they never keep
 * the JVM alive.
 */
public final class InterpreterPool implements AutoCloseable {
    private final SubInterpreterPool pool;

    private InterpreterPool(SubInterpreterPool pool) {
        this.pool = pool;
    }

    /** Whether pools can run on this interpreter (Python 3.12+). */
    public static boolean isSupported(Python python) {
        return unsupportedReason(python).isEmpty();
    }

    /** Why pools cannot run on this interpreter, or empty when they can. */
    public static Optional<String> unsupportedReason(Python python) {
        Objects.requireNonNull(python, "python");
        return SubInterpreterPool.unavailableReason();
    }

    /** A pool of {@code workers} sub-interpreters with nothing set up in them. */
    public static InterpreterPool create(Python python, int workers) {
        return builder(python).workers(workers).start();
    }

    public static Builder builder(Python python) {
        return new Builder(Objects.requireNonNull(python, "python"));
    }

    /** How many sub-interpreters, and so how many calls at once. */
    public int workers() {
        return pool.size();
    }

    /**
     * Calls {@code module.function(*args)} in the next free sub-interpreter; the result comes back as
     * plain Java data (see the class comment). {@code "__main__"} names the functions the setup code
     * defined.
     *
     * @throws IllegalStateException when the pool or the interpreter is closed
     */
    public CompletableFuture<Object> submit(String module, String function, Object... args) {
        return submit(Object.class, module, function, args);
    }

    /**
     * Like {@link #submit(String, String, Object...)}, the result as {@code resultType}: the plain value
     * itself, or an integer as {@code Integer}, {@code BigInteger} or {@code Double}. Anything else fails
     * the future with a {@link PythonConversionException}.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(Class<T> resultType, String module, String function, Object... args) {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(args, "args");
        return (CompletableFuture<T>) pool.submit(module, function, Arrays.asList(args.clone()), resultType);
    }

    /**
     * Closes the pool (see the class comment). Idempotent.
     *
     * @throws IllegalStateException when a sub-interpreter could not be ended: a call stuck in C code, or
     *                               threads started inside it still running
     */
    @Override
    public void close() {
        pool.close();
    }

    /** Chooses the pool's size, setup code and close timeout. */
    public static final class Builder {
        private final Python python;
        private int workers = Runtime.getRuntime().availableProcessors();
        private String setup = "";
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder(Python python) {
            this.python = python;
        }

        /** How many sub-interpreters; by default one per processor. */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("an InterpreterPool needs at least one worker, not " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Python code run once in each sub-interpreter's {@code __main__} as it starts: imports, definitions. */
        public Builder setup(String code) {
            this.setup = Objects.requireNonNull(code, "code");
            return this;
        }

        /** How long {@link InterpreterPool#close()} waits for running calls before stopping them. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Creates the sub-interpreters and runs the setup code in each; returns once all are ready.
         *
         * @throws UnsupportedOperationException on Python before 3.12, saying why
         * @throws PythonException               what the setup code raised (e.g. importing numpy)
         * @throws IllegalStateException         when the interpreter is closed
         */
        public InterpreterPool start() {
            if (python.isClosed()) {
                throw new IllegalStateException("Python has been closed; it cannot be used any more");
            }
            return new InterpreterPool(SubInterpreterPool.start(workers, setup, closeTimeout));
        }
    }
}
