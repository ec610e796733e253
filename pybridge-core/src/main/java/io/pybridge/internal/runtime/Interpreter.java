package io.pybridge.internal.runtime;

import io.pybridge.PythonRuntime;
import io.pybridge.PythonSetupException;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.LibC;
import io.pybridge.internal.capi.LibPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one interpreter of this process: started once, never restarted.
 *
 * <p>Initialization and finalization run on a dedicated platform thread ({@code pybridge-main}), which
 * owns Python's main thread state: Python expects to be finalized from the thread that initialized it,
 * and a caller's thread (possibly virtual, possibly short-lived) cannot promise that. Python's signal
 * handlers are never installed (signals belong to the JVM), and the GIL is released as soon as start-up
 * is done so that any thread can take it.
 */
public final class Interpreter {
    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    private static final PendingDecrefs PENDING = new PendingDecrefs();
    private static volatile State state = State.NEW;
    private static volatile ResolvedPython launched;
    private static volatile PythonRuntime runtime;
    private static ExecutorService mainThread;
    private static long mainDictPointer;

    private Interpreter() {
    }

    /**
     * Starts the interpreter described by {@code spec}, or returns quietly when it is already running
     * on the same runtime.
     *
     * @throws IllegalStateException when it runs on another runtime or was closed
     * @throws PythonSetupException  when libpython cannot be loaded or initialized
     */
    public static synchronized void start(ResolvedPython spec) {
        switch (state) {
            case RUNNING -> {
                if (!launched.library().equals(spec.library())) {
                    throw new IllegalStateException("Python is already running in this JVM from "
                            + launched.library() + "; one process holds one interpreter, so "
                            + spec.library() + " cannot be started too");
                }
                return;
            }
            case CLOSING, CLOSED -> throw new IllegalStateException(
                    "Python was closed in this JVM and cannot be started again (CPython cannot be re-initialized)");
            case NEW -> { }
        }
        mainThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pybridge-main");
            t.setDaemon(true);
            return t;
        });
        try {
            onMainThread(() -> {
                initialize(spec);
                return null;
            });
        } catch (RuntimeException | Error e) {
            mainThread.shutdown();
            throw e;
        }
        launched = spec;
        runtime = spec.runtime();
        state = State.RUNNING;
    }

    private static void initialize(ResolvedPython spec) {
        try {
            LibPython.load(spec.library(), spec.preloadLibraries());
        } catch (UnsatisfiedLinkError | IllegalStateException e) {
            throw new PythonSetupException("cannot load libpython " + spec.library() + " (" + spec.source()
                    + "): " + e.getMessage(), e);
        }
        try {
            if (CPython.Py_IsInitialized() != 0) {
                throw new PythonSetupException("libpython " + spec.library()
                        + " was already initialized by other code in this process; PyBridge must own the interpreter");
            }
            configure(spec);
            CPython.Py_InitializeEx(0);
        } catch (UnsatisfiedLinkError e) {
            throw new PythonSetupException(e.getMessage(), e);
        }
        ThreadContext ctx = Gil.context();
        ctx.threadState = CPython.PyThreadState_Get();
        ctx.ownsThreadState = false;
        ctx.holdsGil = true;
        ctx.depth = 1;
        try {
            mainDictPointer = CPython.PyModule_GetDict(CPython.PyImport_AddModule(ctx.scratch().cString("__main__")));
            runStartupScript(ctx, spec);
        } finally {
            ctx.depth = 0;
            ctx.holdsGil = false;
            CPython.PyEval_SaveThread();
        }
    }

    /** Program name and home must be set before {@code Py_InitializeEx}; they stay referenced by Python. */
    private static void configure(ResolvedPython spec) {
        if (spec.home().isPresent()) {
            String home = spec.home().get().toString();
            if (CPython.has_Py_SetPythonHome()) {
                CPython.Py_SetPythonHome(wide(home));
            } else {
                LibC.setenv("PYTHONHOME", home);
            }
        }
        if (spec.programName() != null && CPython.has_Py_SetProgramName()) {
            CPython.Py_SetProgramName(wide(spec.programName().toString()));
        }
    }

    /** A {@code wchar_t*} copy that is never freed: Python keeps the pointer for its whole life. */
    private static long wide(String text) {
        NativeScratch scratch = Gil.context().scratch();
        long mark = scratch.mark();
        try {
            long wide = CPython.Py_DecodeLocale(scratch.cString(text), 0);
            if (wide == 0) {
                throw new PythonSetupException("cannot decode '" + text + "' in the C locale's encoding");
            }
            return wide;
        } finally {
            scratch.release(mark);
        }
    }

    private static void runStartupScript(ThreadContext ctx, ResolvedPython spec) {
        StringBuilder code = new StringBuilder("""
                import sys
                if not getattr(sys, 'argv', None):
                    sys.argv = ['']
                """);
        code.append("sys.executable = ").append(pyString(spec.probe().executable().toString())).append('\n');
        for (Path dir : spec.extraSysPath()) {
            String entry = pyString(dir.toString());
            code.append("if ").append(entry).append(" not in sys.path: sys.path.append(").append(entry).append(")\n");
        }
        execOrSetupError(ctx, code.toString());
    }

    private static void execOrSetupError(ThreadContext ctx, String code) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long compiled = CPython.Py_CompileString(scratch.cString(code), scratch.cString("<pybridge-startup>"),
                    PyConstants.FILE_INPUT);
            long result = compiled == 0 ? 0 : CPython.PyEval_EvalCode(compiled, mainDictPointer, mainDictPointer);
            if (compiled != 0) {
                CPython.Py_DecRef(compiled);
            }
            if (result == 0) {
                CPython.PyErr_Clear();
                throw new PythonSetupException("the interpreter started but its start-up settings failed:\n" + code);
            }
            CPython.Py_DecRef(result);
        } finally {
            scratch.release(mark);
        }
    }

    /** A Python string literal for {@code text} (a path, usually). */
    static String pyString(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** {@code __main__}'s globals: where {@code exec} and {@code eval} run. Borrowed, immortal. */
    public static long mainDict() {
        return mainDictPointer;
    }

    public static boolean isRunning() {
        return state == State.RUNNING;
    }

    public static boolean isClosed() {
        return state == State.CLOSING || state == State.CLOSED;
    }

    public static PythonRuntime runtime() {
        PythonRuntime running = runtime;
        if (running == null) {
            throw notRunning();
        }
        return running;
    }

    public static IllegalStateException notRunning() {
        return switch (state) {
            case NEW -> new IllegalStateException("Python is not started: call Python.start() first");
            case CLOSING, CLOSED -> new IllegalStateException("Python has been closed; it cannot be used any more");
            case RUNNING -> new IllegalStateException("Python is running");
        };
    }

    /** Drops a reference now if this thread holds the GIL, otherwise at the next acquisition. */
    public static void release(long pointer) {
        if (state != State.RUNNING && state != State.CLOSING) {
            return;
        }
        if (!Thread.currentThread().isVirtual() && Gil.context().holdsGil) {
            CPython.Py_DecRef(pointer);
        } else {
            PENDING.add(pointer);
        }
    }

    /** How many references wait for the GIL; for tests and diagnostics. */
    public static int pendingReleases() {
        return PENDING.size();
    }

    static void onAcquire() {
        if (PENDING.nonEmpty()) {
            PENDING.drain();
        }
    }

    /**
     * Finalizes the interpreter once. New calls are refused at once; calls in flight get up to
     * {@code wait} to finish. If some are still running then, the interpreter is left as it is (not
     * finalized: that would pull it out from under them) and this throws, naming those threads.
     */
    public static void close(Duration wait) {
        synchronized (Interpreter.class) {
            if (state != State.RUNNING) {
                return;
            }
            if (!Thread.currentThread().isVirtual() && Gil.context().inside) {
                throw new IllegalStateException("Python.close() cannot be called from inside withGil");
            }
            state = State.CLOSING;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<Thread> busy = Gil.threadsInside();
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            busy = Gil.threadsInside();
        }
        if (!busy.isEmpty()) {
            state = State.CLOSED;
            throw new IllegalStateException("Python was closed while " + busy.size()
                    + " thread(s) were still running Python code " + busy.stream().map(Thread::getName).toList()
                    + " after waiting " + wait + "; the interpreter was not finalized");
        }
        try {
            onMainThread(() -> {
                ThreadContext ctx = Gil.context();
                CPython.PyEval_RestoreThread(ctx.threadState);
                if (PENDING.nonEmpty()) {
                    PENDING.drain();
                }
                CPython.Py_FinalizeEx();
                return null;
            });
        } finally {
            state = State.CLOSED;
            mainThread.shutdown();
        }
    }

    private static <T> T onMainThread(Callable<T> work) {
        try {
            return mainThread.submit(work).get();
        } catch (ExecutionException e) {
            throw CarrierThreads.rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Python main thread", e);
        }
    }
}
