package io.pybridge;

import io.pybridge.convert.TypeRef;
import io.pybridge.internal.bind.AsyncCalls;
import io.pybridge.internal.bind.ModuleBinder;
import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.aio.EventLoopCalls;
import io.pybridge.internal.output.LogForwarding;
import io.pybridge.internal.output.OutputRedirection;
import io.pybridge.internal.bind.ObjectProxies;
import io.pybridge.internal.runtime.CarrierThreads;
import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.StartClasses;
import io.pybridge.internal.discovery.DiscoveryRequest;
import io.pybridge.internal.discovery.ResolvedPython;
import io.pybridge.internal.discovery.RuntimeDiscovery;
import io.pybridge.internal.submit.SubmittedCalls;
import io.pybridge.internal.runtime.ThreadContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The embedded CPython interpreter: one per JVM, started once, usable from any thread.
 *
 * <h2>Threads and the GIL</h2>
 * CPython lets one thread run Python code at a time: the thread holding the global interpreter lock.
 * {@link #withGil} takes it for the calling thread and releases it when the body returns, so callers
 * never manage it themselves. Nested calls on a thread that holds it cost nothing. A platform thread
 * uses its own Python thread state, created on first use. A virtual thread cannot: a thread state is
 * bound to an OS thread, and a virtual thread may resume on another carrier after any blocking call.
 * So {@code withGil} from a virtual thread runs the body on a bridge platform thread while the virtual
 * thread waits (unmounted, without pinning), which costs a thread hand-off.
 *
 * <h2>Thread stacks</h2>
 * CPython and the BLAS libraries under numpy are built for an 8 MiB stack; a Java thread has 1 MiB
 * unless told otherwise, and Python overflowing it would kill the JVM. So a platform thread runs
 * Python itself only when its stack is at least 8 MiB ({@code -Xss8m}, or
 * {@code new Thread(group, task, name, 8 << 20)}); from a thread with a smaller stack, {@code withGil}
 * hands the body to a bridge thread (16 MiB) as it does for virtual threads. Recursion from Python into
 * Java and back raises {@code RecursionError} in Python before the stack runs out.
 *
 * <p>Every {@link PyObject} method takes the GIL itself when needed; grouping many operations in one
 * {@code withGil} body pays for the GIL once.
 *
 * <h2>Deadlocks</h2>
 * The bridge releases the GIL wherever it waits itself. The one risk left is in user code: taking a
 * Java lock inside {@code withGil} while another thread holding that lock waits for the GIL. Take Java
 * locks before {@code withGil}, or release the GIL around the wait with {@link Py#allowThreads}.
 */
public final class Python implements AutoCloseable {
    static {
        Wiring.install();
    }

    private static final Object LOCK = new Object();
    private static Python instance;

    private final PythonRuntime runtime;
    private final Duration closeTimeout;
    private final ModulePathList modulePaths = new ModulePathList();
    private final SubmittedCalls submittedCalls;

    /** How bound methods returning {@code CompletableFuture} run plain functions: through {@link #submit}. */
    private final AsyncCalls asyncCalls = new AsyncCalls() {
        @Override
        public <R> CompletableFuture<R> run(Supplier<R> call) {
            return submit(py -> call.get());
        }
    };

    /** idioms: where sys.stdout and sys.stderr go, and whether logging goes to SLF4J (set by the starting builder). */
    private final OutputChoice output;

    private Python(PythonRuntime runtime, Duration closeTimeout, Executor executor, OutputChoice output) {
        this.runtime = runtime;
        this.closeTimeout = closeTimeout;
        this.submittedCalls = SubmittedCalls.start(executor);
        this.output = output;
        ObjectProxies.useAsyncCalls(asyncCalls); // idioms: pyObject.as(Interface) proxies
    }

    /** idioms: the builder's choice of output and logging, applied once, when the interpreter starts. */
    private record OutputChoice(PythonOutput stdout, PythonOutput stderr, boolean forwardLogging) {
        void apply() {
            redirect("stdout", stdout);
            redirect("stderr", stderr);
            if (forwardLogging) {
                LogForwarding.start();
            }
        }

        private static void redirect(String stream, PythonOutput output) {
            if (!output.inherited()) {
                OutputRedirection.redirect(stream, output.sink(), output.wholeLines());
            }
        }
    }

    /**
     * Starts the interpreter found by discovery (system property {@code pybridge.python}, env
     * {@code PYBRIDGE_PYTHON}, {@code VIRTUAL_ENV}, {@code CONDA_PREFIX}, {@code python3} on PATH, then
     * the bundled runtime), or returns the running one. Safe to call from several threads at once.
     *
     * @throws PythonSetupException when no usable Python is found; the message lists what was tried
     */
    public static Python start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What this interpreter is: version, executable, libpython, home. */
    public PythonRuntime runtime() {
        return runtime;
    }

    /**
     * Puts {@code dir} at the front of {@code sys.path} unless it is there already.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory
     */
    public void addModulePath(Path dir) {
        modulePaths.add(this, dir);
    }

    /**
     * Runs {@code body} holding the GIL, from any thread, and returns its result. Exceptions it throws
     * pass through unchanged.
     *
     * @throws IllegalStateException when the interpreter has been closed
     */
    public <T> T withGil(GilBody<T> body) {
        Objects.requireNonNull(body, "body");
        ThreadContext here = Gil.contextIfRunnableHere();
        if (here == null) {
            return CarrierThreads.call(() -> withGil(body));
        }
        ThreadContext ctx = Gil.enter(here);
        Py py = (Py) ctx.token;
        boolean outermost = py == null;
        if (outermost) {
            py = new Py(ctx);
            ctx.token = py;
        }
        try {
            return body.run(py);
        } finally {
            if (outermost) {
                py.invalidate();
                ctx.token = null;
            }
            Gil.exit(ctx);
        }
    }

    /**
     * A Java view of a Python module: each abstract method of {@code iface} calls the module function of
     * the same name in snake_case ({@code embedVideo} calls {@code embed_video}; {@code @PyName} on the
     * method overrides it). Arguments are converted to Python as {@link Py#toPython} does (parameters
     * marked {@code @PyName} are passed by keyword, functional parameters become Python callables whose
     * arguments take the declared generic types), and the result is converted to the method's declared
     * generic return type ({@code List<String>}, a record, {@code float[]}, ...). {@code default} methods
     * run as Java; {@code equals}, {@code hashCode} and {@code toString} are the proxy's own. A return type
     * {@code CompletableFuture<T>} runs the call through {@link #submit}: on the bridge's executor, and
     * cancellable as {@code submit}'s futures are; when the Python function is an {@code async def}, the
     * call's coroutine runs on the bridge's event loop instead, as {@link #async(Class, GilBody)} runs it.
     * The proxy may be used from any thread. Every type is checked here, once, and what the conversions of
     * a record in the signatures need (its constructor's and accessors' method handles) is made here too,
     * so that the first call does not pay for it.
     *
     * @throws IllegalArgumentException when {@code iface} is not an interface, or a method has a
     *                                  parameter or result type the conversions do not handle, or a record
     *                                  PyBridge cannot reach (a package not opened to it) (all are named)
     * @throws PythonImportException    when the module cannot be imported, or lacks a function a method
     *                                  needs (all missing ones are named)
     */
    public <T> T bind(Class<T> iface, String module) {
        return ModuleBinder.bind(iface, module, asyncCalls);
    }

    /**
     * Runs a coroutine on the bridge's asyncio event loop and returns its future at once:
     * {@code python.async(py -> client.callMethod("fetch", url))}. The body runs holding the GIL on the
     * calling thread, as a {@link #withGil} body does, and returns the awaitable: a coroutine (what calling
     * an {@code async def} gives), an asyncio Task or Future, or any object with {@code __await__}. The
     * future completes with what it returns, as a {@code PyObject}; see {@link #async(Class, GilBody)} to
     * have it converted.
     *
     * <p><b>The loop.</b> Many Python libraries (HTTP clients, model servers, database drivers) are asyncio
     * first; their coroutines need a running event loop. The bridge runs one on a thread of its own
     * ({@code pybridge-asyncio}), started by the first coroutine and stopped by {@link #close()}; coroutines
     * run concurrently there, each while the others wait for I/O. {@code asyncio.get_running_loop()} in them
     * is that loop; {@code asyncio.create_subprocess_exec} works (the JVM owns the process's signals, so
     * children are waited for without {@code SIGCHLD} handlers). A coroutine that computes without awaiting
     * holds up the whole loop, as in any asyncio program; run such work with {@link #submit} or
     * {@code loop.run_in_executor}.
     *
     * <p><b>Cancelling.</b> {@code cancel(true)}, {@code orTimeout} or completing the future from outside
     * cancels the asyncio task ({@code CancelledError} is raised at its current {@code await}); a task that
     * ends cancelled in Python (its own {@code CancelledError}) cancels the future. Futures complete on a
     * bridge thread, never on the loop's, so stages chained to them cannot hold up the loop; waiting for one
     * ({@code get}, {@code join}) releases the GIL, and is refused on the loop thread itself (a coroutine
     * calling Java that waits for another coroutine would stop the loop for ever).
     *
     * <p>Java {@code CompletableFuture}s passed to Python are awaitable there ({@code await future}).
     *
     * @throws IllegalArgumentException when the body returns something that is not awaitable
     * @throws IllegalStateException    when the interpreter is closing or closed
     */
    public CompletableFuture<PyObject> async(GilBody<PyObject> body) {
        return async(PyObject.class, body);
    }

    /**
     * {@link #async(GilBody)} with the coroutine's result converted to {@code resultType} (on the loop, as
     * {@link PyObject#as(Class)} converts); a result that does not fit fails the future with a
     * {@link PythonConversionException}.
     */
    public <T> CompletableFuture<T> async(Class<T> resultType, GilBody<PyObject> body) {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(body, "body");
        return withGil(py -> EventLoopCalls.schedule(refOf(body.run(py)), resultType));
    }

    /** {@link #async(Class, GilBody)} for generic results: {@code new TypeRef<List<String>>() {}}. */
    public <T> CompletableFuture<T> async(TypeRef<T> resultType, GilBody<PyObject> body) {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(body, "body");
        return withGil(py -> EventLoopCalls.schedule(refOf(body.run(py)), resultType.type()));
    }

    private static PyRef refOf(PyObject awaitable) {
        return awaitable == null ? null : awaitable.ref();
    }

    /**
     * Runs {@code body} holding the GIL on the builder's executor (by default the bridge's own daemon
     * threads) and returns its future at once.
     *
     * <p>Cancelling the future ({@code cancel(true)}), letting it time out ({@code orTimeout}) or
     * completing it from outside stops the Python code where it runs: a {@code pybridge.CallCancelled}
     * exception (a {@code BaseException}) is raised in it at its next bytecode, the future completes
     * cancelled or with {@code TimeoutException} at once, and the interpreter stays usable. Code inside
     * a long C call (a numpy operation, {@code time.sleep}, a blocking read) takes the stop when it
     * returns to Python; Python code that catches {@code BaseException} and carries on is not stopped.
     * A body not yet started never starts. Waiting on the future ({@code get}, {@code join}) inside a
     * {@code withGil} body releases the GIL meanwhile, so it cannot deadlock.
     *
     * @throws IllegalStateException when the interpreter has been closed
     */
    public <T> CompletableFuture<T> submit(GilBody<T> body) {
        Objects.requireNonNull(body, "body");
        return submittedCalls.submit(run -> withGil(py -> run.run(() -> body.run(py))));
    }

    /**
     * Finalizes the interpreter. New calls are refused at once and submitted calls that have not
     * started fail; calls in flight get the builder's {@code closeTimeout} (30 s by default) to finish.
     * Those still running then are stopped: their callers get an exception saying so (a submitted
     * call's future an {@link IllegalStateException}, a {@code withGil} caller a
     * {@code pybridge.InterpreterClosing} raised in its Python code), with two more seconds to unwind.
     * Non-daemon Python threads, which finalization would wait for forever, must end within the same
     * timeout. Coroutines started from Java on the bridge's asyncio loop count as calls in flight; tasks
     * they left running are cancelled when the loop stops, as {@code asyncio.run} does. Afterwards every
     * use of this instance, of its objects, and {@link #start()} throw {@link IllegalStateException}:
     * CPython cannot be started again in the same process. Idempotent.
     *
     * @throws IllegalStateException when called inside {@code withGil}, or when something was still running
     *                               after all that (code stuck in a C call, a Python thread that never
     *                               ends): the interpreter is then abandoned, not finalized
     */
    @Override
    public void close() {
        Interpreter.close(closeTimeout);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return Interpreter.isClosed();
    }

    @Override
    public String toString() {
        return "Python[" + runtime.version() + " " + runtime.library() + (isClosed() ? ", closed]" : "]");
    }

    /** Chooses the runtime and settings before {@link #start()}. */
    public static final class Builder {
        private Path executable;
        private boolean bundled;
        private final List<Path> modulePaths = new ArrayList<>();
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Executor executor;
        private PythonOutput stdout = PythonOutput.inherit();
        private PythonOutput stderr = PythonOutput.inherit();
        private boolean forwardLogging;
        private boolean stdoutChosen;
        private boolean stderrChosen;

        private Builder() {
        }

        /** Embed the interpreter of this executable (a venv's {@code bin/python} works). */
        public Builder executable(Path executable) {
            this.executable = Objects.requireNonNull(executable, "executable");
            this.bundled = false;
            return this;
        }

        /** Embed the bundled CPython of the {@code pybridge-python} module. */
        public Builder bundled() {
            this.bundled = true;
            this.executable = null;
            return this;
        }

        /** Prepends a folder to {@code sys.path} (idempotent); may be called several times. */
        public Builder modulePath(Path dir) {
            modulePaths.add(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        /** How long {@link Python#close()} waits for calls in flight. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Where {@link Python#submit} runs calls; by default the bridge's own pool of daemon platform
         * threads. The bridge never shuts down an executor given here. Only the builder that starts the
         * interpreter can set it.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Where Python's {@code sys.stdout} goes: {@link PythonOutput#inherit()} (the default: the process's
         * fd 1, as in standalone Python), a {@code PrintStream} or {@code Writer}, or an SLF4J logger, line by
         * line, lines of different threads never mixed. Only the builder that starts the interpreter can set it.
         */
        public Builder stdout(PythonOutput output) {
            this.stdout = Objects.requireNonNull(output, "output");
            this.stdoutChosen = true;
            return this;
        }

        /** Where Python's {@code sys.stderr} goes; as {@link #stdout(PythonOutput)}. */
        public Builder stderr(PythonOutput output) {
            this.stderr = Objects.requireNonNull(output, "output");
            this.stderrChosen = true;
            return this;
        }

        /**
         * Forwards Python's {@code logging} records to SLF4J: a handler on Python's root logger hands each
         * record over with its logger name, level (ERROR, WARN, INFO, DEBUG, TRACE by range), message, and
         * exception as a {@link PythonException} carrying the traceback. The root logger's level is set to
         * the most detailed one SLF4J's root logger enables, so that SLF4J's configuration decides (Python's
         * default, WARNING, would drop INFO records first); levels set on Python loggers still apply. With
         * a handler on the root logger, {@code logging.basicConfig()} does nothing unless given
         * {@code force=True}, as in standalone Python once logging is configured. Only the builder that starts
         * the interpreter can set it.
         */
        public Builder forwardLogging() {
            this.forwardLogging = true;
            return this;
        }

        /**
         * Finds the runtime this builder would start, without starting it: every candidate tried,
         * which one was taken, and why the others were refused.
         *
         * @throws PythonSetupException when none serves; the message holds the same list
         */
        public DiscoveryReport discover() {
            return RuntimeDiscovery.standard().discover(request()).report();
        }

        private DiscoveryRequest request() {
            if (bundled) {
                return DiscoveryRequest.onlyBundled();
            }
            return executable != null ? DiscoveryRequest.ofExecutable(executable) : DiscoveryRequest.automatic();
        }

        /**
         * Starts the interpreter, or returns the running one after adding this builder's module paths.
         *
         * @throws PythonSetupException  when no usable runtime is found
         * @throws IllegalStateException when another runtime already runs in this JVM, or Python was closed
         */
        public Python start() {
            for (Path dir : modulePaths) {
                ModulePathList.requireDirectory(dir);
            }
            Python python;
            synchronized (LOCK) {
                if (Interpreter.isClosed()) {
                    throw new IllegalStateException("Python was closed in this JVM and cannot be started again: "
                            + "CPython cannot be re-initialized in the same process");
                }
                if (instance == null) {
                    StartClasses.preloadInBackground();
                    ResolvedPython resolved = RuntimeDiscovery.standard().discover(request());
                    Interpreter.start(resolved);
                    instance = new Python(Interpreter.runtime(), closeTimeout, executor,
                            new OutputChoice(stdout, stderr, forwardLogging));
                    instance.output.apply();
                } else if (executor != null && executor != instance.submittedCalls.executor()) {
                    throw new IllegalStateException("Python already runs in this JVM with another submit executor; "
                            + "only the builder that starts it can choose one");
                } else if (stdoutChosen && !stdout.equals(instance.output.stdout())
                        || stderrChosen && !stderr.equals(instance.output.stderr())
                        || forwardLogging && !instance.output.forwardLogging()) {
                    throw new IllegalStateException("Python already runs in this JVM with " + instance.output
                            + "; only the builder that starts it can choose where its output and logging go");
                } else if ((executable != null || bundled)
                        && !RuntimeDiscovery.standard().discover(request()).library().equals(instance.runtime.library())) {
                    throw new IllegalStateException("Python " + instance.runtime.version() + " from "
                            + instance.runtime.executable() + " already runs in this JVM; one process holds one "
                            + "interpreter, so " + (bundled ? "the bundled runtime" : executable) + " cannot start too");
                }
                python = instance;
            }
            for (Path dir : modulePaths) {
                python.addModulePath(dir);
            }
            return python;
        }
    }
}
