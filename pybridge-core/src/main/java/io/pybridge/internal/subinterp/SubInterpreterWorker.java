package io.pybridge.internal.subinterp;

import io.pybridge.internal.api.RaisedTraceback;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.runtime.CloseParticipant;

import io.pybridge.internal.runtime.PythonCode;

import io.pybridge.internal.runtime.Gil;
import io.pybridge.internal.runtime.PythonThreads;
import io.pybridge.internal.runtime.StopReason;
import io.pybridge.internal.runtime.ThreadContext;
import io.pybridge.internal.submit.StoppableRun;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.SubInterpreterApi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * One isolated sub-interpreter with its own GIL, and the platform thread that owns it for its whole
 * life: the thread creates it, runs every task of the pool it takes from the shared queue in it, and
 * ends it. Its thread state is bound to that thread, which switches to it with
 * {@code PyEval_RestoreThread} / {@code PyEval_SaveThread} around each task and holds no other
 * interpreter's GIL meanwhile, so tasks on different workers run truly in parallel.
 *
 * <p>Nothing of the main interpreter is used inside: values cross as plain data ({@link PlainValues}),
 * errors as text, and the helper functions and stop exceptions are the sub-interpreter's own.
 */
final class SubInterpreterWorker implements Runnable {
    static final PoolTask STOP = new PoolTask("", "", List.of(), Object.class);

    private static final String BOOTSTRAP = """
            import importlib.machinery, os, re, sys, sysconfig
            def call(module, function, args):
                import importlib
                return getattr(importlib.import_module(module), function)(*args)
            def describe(e):
                import traceback
                t = type(e)
                name = t.__qualname__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__qualname__
                text = ''.join(traceback.format_exception(t, e, e.__traceback__))
                refusal, guarded, seen, x = None, False, set(), e
                while x is not None and id(x) not in seen:
                    seen.add(id(x))
                    if isinstance(x, NotLoadedInMain):
                        refusal, guarded = str(x), True
                        break
                    found = re.search(r'module [\\w.]+ does not support loading in subinterpreters', str(x))
                    if isinstance(x, ImportError) and found:
                        refusal = found.group(0)
                        break
                    x = x.__cause__ or x.__context__
                return (name, str(e), text, isinstance(e, ImportError), refusal, guarded)
            def threads_left():
                import _thread
                return _thread._count()
            class NotLoadedInMain(ImportError):
                pass
            class ExtensionGuard:
                \"""Loads a C extension module from outside the standard library only once the main
                interpreter has: one that does not support sub-interpreters may corrupt memory when it is
                first initialized inside one (numpy does, before it refuses), while one the main
                interpreter has loaded is refused cleanly by CPython's own check.\"""
                def __init__(self, loaded):
                    self.loaded = loaded
                    self.stdlib = os.path.realpath(os.path.join(sysconfig.get_path('platstdlib'), 'lib-dynload'))
                def find_spec(self, name, path=None, target=None):
                    spec = importlib.machinery.PathFinder.find_spec(name, path, target)
                    if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
                        return None
                    origin = os.path.realpath(spec.origin)
                    if origin.startswith(self.stdlib + os.sep) or origin in self.loaded:
                        return None
                    top = name.partition('.')[0]
                    raise NotLoadedInMain(
                        f"{name} is a C extension module ({spec.origin}) that the main interpreter has not loaded. "
                        f"An InterpreterPool loads such a module only after the main interpreter has: one that does "
                        f"not support sub-interpreters can corrupt memory when it is first initialized inside one. "
                        f"Import {top} in the main interpreter before starting the pool "
                        f"(python.withGil(py -> py.importModule(\\"{top}\\")))", name=name)
            """;

    private final BlockingQueue<PoolTask> queue;
    private final SubInterpreterPool.MainState main;
    private final String setupCode;
    private final Thread thread;
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    /** Guards the sub-interpreter's existence against stops delivered from other threads. */
    private final Object endLock = new Object();
    private boolean alive;
    private long threadState;
    private long interpreter;
    private long helpers;
    private long cancelledType;
    private long closingType;
    private volatile String endFailure;

    SubInterpreterWorker(BlockingQueue<PoolTask> queue, SubInterpreterPool.MainState main, String setupCode,
                         String name) {
        this.queue = queue;
        this.main = main;
        this.setupCode = setupCode;
        this.thread = PythonThreads.unstarted(name, this);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Why the sub-interpreter could not be ended, if it could not. */
    Optional<String> endFailure() {
        return Optional.ofNullable(endFailure);
    }

    @Override
    public void run() {
        try {
            create();
            ready.complete(null);
        } catch (Throwable t) {
            ready.completeExceptionally(t);
            return;
        }
        try {
            while (true) {
                PoolTask task = take();
                if (task == STOP) {
                    break;
                }
                if (!task.future.isDone()) {
                    runTask(task);
                }
            }
        } finally {
            end();
        }
    }

    private PoolTask take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Workers end through the STOP task only.
            }
        }
    }

    /**
     * Creates the sub-interpreter from this thread while it has no thread state at all, so that the new
     * interpreter's thread state is the one {@code PyGILState} knows for this thread (C code inside that
     * calls {@code PyGILState_Ensure} then finds the right one). CPython supports this case: with no
     * current thread state it copies the main interpreter's configuration (every version's
     * {@code new_interpreter}). The main interpreter's GIL is never taken here.
     */
    private void create() {
        ThreadContext ctx = Gil.context();
        long created = SubInterpreterApi.newIsolatedInterpreter();
        try {
            interpreter = CPython.PyThreadState_GetInterpreter(created);
            bootstrap(ctx);
        } catch (RuntimeException | Error e) {
            releaseHelpers();
            CPython.Py_EndInterpreter(created);
            throw e;
        }
        synchronized (endLock) {
            threadState = created;
            alive = true;
        }
        CPython.PyEval_SaveThread();
    }

    /** Runs in the new sub-interpreter: sys.path as the main interpreter has it, helpers, stop types, setup. */
    private void bootstrap(ThreadContext ctx) {
        helpers = CPython.PyDict_New();
        if (helpers == 0) {
            throw new IllegalStateException("cannot create the sub-interpreter's helper namespace");
        }
        StringBuilder code = new StringBuilder(BOOTSTRAP).append("sys.path[:] = ").append(pyList(main.sysPath()))
                .append("\nsys.meta_path.insert(0, ExtensionGuard(frozenset(").append(pyList(main.loadedExtensions()))
                .append(")))\n");
        execute(ctx, code.toString(), helpers, "<pybridge pool bootstrap>");
        cancelledType = StopReason.CANCELLED.newType(ctx);
        closingType = StopReason.CLOSING.newType(ctx);
        if (!setupCode.isEmpty()) {
            NativeScratch scratch = ctx.scratch();
            long mark = scratch.mark();
            try {
                long main = CPython.PyImport_AddModule(scratch.cString("__main__"));
                if (main == 0) {
                    throw error(ctx, "importing __main__");
                }
                execute(ctx, setupCode, CPython.PyModule_GetDict(main), "<pybridge pool setup>");
            } finally {
                scratch.release(mark);
            }
        }
    }

    private static String pyList(List<String> items) {
        StringBuilder list = new StringBuilder("[");
        for (String item : items) {
            list.append(PythonCode.literal(item)).append(", ");
        }
        return list.append(']').toString();
    }

    private void execute(ThreadContext ctx, String code, long globals, String fileName) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long compiled = CPython.Py_CompileString(scratch.cString(code, "source code"), scratch.cString(fileName, "file name"),
                    PyConstants.FILE_INPUT);
            if (compiled == 0) {
                throw error(ctx, "compiling the " + fileName + " code");
            }
            long result;
            try {
                result = CPython.PyEval_EvalCode(compiled, globals, globals);
            } finally {
                CPython.Py_DecRef(compiled);
            }
            if (result == 0) {
                throw error(ctx, "running the " + fileName + " code");
            }
            CPython.Py_DecRef(result);
        } finally {
            scratch.release(mark);
        }
    }

    private void runTask(PoolTask task) {
        ThreadContext ctx = Gil.context();
        Object result = null;
        Throwable failure = null;
        task.worker = this;
        CPython.PyEval_RestoreThread(threadState);
        try {
            result = task.run.run(() -> call(ctx, task));
        } catch (Throwable t) {
            failure = t;
        } finally {
            CPython.PyEval_SaveThread();
        }
        // Completed only once detached: callbacks on the future may use the main interpreter.
        if (failure == null) {
            task.future.complete(result);
        } else {
            task.future.completeExceptionally(failure);
        }
    }

    private Object call(ThreadContext ctx, PoolTask task) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        long[] arguments = new long[3];
        try {
            arguments[0] = PlainValues.toPython(ctx, task.module, "the module name");
            arguments[1] = PlainValues.toPython(ctx, task.function, "the function name");
            arguments[2] = PlainValues.toPython(ctx, task.args, "the arguments of " + task.module + "." + task.function);
            long result = callHelper(ctx, "call", arguments);
            if (result == 0) {
                throw error(ctx, task.module + "." + task.function);
            }
            try {
                String where = "result of " + task.module + "." + task.function;
                return PlainValues.as(PlainValues.toJava(ctx, result, where), task.resultType, where);
            } finally {
                CPython.Py_DecRef(result);
            }
        } finally {
            for (long argument : arguments) {
                if (argument != 0) {
                    CPython.Py_DecRef(argument);
                }
            }
            scratch.release(mark);
        }
    }

    /** Calls the bootstrap helper {@code name}: a new reference, or 0 with the error set. */
    private long callHelper(ThreadContext ctx, String name, long... arguments) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long function = CPython.PyDict_GetItemString(helpers, scratch.cString(name));
            if (function == 0) {
                throw new IllegalStateException("the sub-interpreter lost its helper " + name);
            }
            long vector = scratch.words(Math.max(1, arguments.length));
            for (int i = 0; i < arguments.length; i++) {
                NativeScratch.putWord(vector, i, arguments[i]);
            }
            return CPython.PyObject_Vectorcall(function, vector, arguments.length, 0);
        } finally {
            scratch.release(mark);
        }
    }

    /** The pending Python exception of this sub-interpreter as a Java exception, the indicator cleared. */
    private RuntimeException error(ThreadContext ctx, String what) {
        long exception = CPython.PyErr_GetRaisedException();
        if (exception == 0) {
            return new IllegalStateException(what + " failed in the sub-interpreter without a Python exception");
        }
        try {
            long described = callHelper(ctx, "describe", exception);
            if (described == 0) {
                CPython.PyErr_Clear();
                return ApiErrors.raised(false, what + " failed in the sub-interpreter, and its exception could not "
                        + "be described", null, null, null, null);
            }
            List<?> parts;
            try {
                parts = (List<?>) PlainValues.toJava(ctx, described, "exception description");
            } finally {
                CPython.Py_DecRef(described);
            }
            return javaException(what, (String) parts.get(0), (String) parts.get(1), (String) parts.get(2),
                    (Boolean) parts.get(3), (String) parts.get(4), (Boolean) parts.get(5));
        } finally {
            CPython.Py_DecRef(exception);
        }
    }

    private static RuntimeException javaException(String what, String type, String message, String traceback,
                                                 boolean importError, String refusal, boolean guarded) {
        RaisedTraceback source = new FormattedTraceback(traceback);
        if (refusal != null) {
            String raised = refusal.equals(message) ? "" : " (raised as " + type + ": " + firstLine(message) + ")";
            String advice = guarded ? "" : ". " + what + " runs in an isolated sub-interpreter with its own GIL, and "
                    + "this extension module does not declare support for that; call it through Python.withGil or "
                    + "Python.submit instead";
            return ApiErrors.raised(true, refusal + raised + advice, type, message, source, null);
        }
        String text = type + (message.isEmpty() ? "" : ": " + message) + " (in " + what + ", in an interpreter pool)";
        return importError
                ? ApiErrors.raised(true, text, type, message, source, null)
                : ApiErrors.raised(false, text, type, message, source, null);
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }

    /**
     * Stops the task running on this worker, if it still runs: from another thread, through a thread
     * state of its own in this sub-interpreter, made for the purpose and deleted afterwards.
     */
    void deliverStop(StoppableRun run, StopReason reason) {
        synchronized (endLock) {
            if (!alive || !run.isRunning()) {
                return;
            }
            long visitor = CPython.PyThreadState_New(interpreter);
            if (visitor == 0) {
                return;
            }
            CPython.PyEval_RestoreThread(visitor);
            try {
                run.stop(reason == StopReason.CANCELLED ? cancelledType : closingType);
            } finally {
                CPython.PyThreadState_Clear(visitor);
                CPython.PyThreadState_DeleteCurrent();
            }
        }
    }

    /** Ends the sub-interpreter on this worker's thread, unless threads it started still run. */
    private void end() {
        synchronized (endLock) {
            if (!alive) {
                return;
            }
            CPython.PyEval_RestoreThread(threadState);
            String threadsLeft = awaitOwnThreads();
            if (threadsLeft != null) {
                endFailure = threadsLeft;
                CPython.PyEval_SaveThread();
                return;
            }
            alive = false;
            releaseHelpers();
            CPython.Py_EndInterpreter(threadState);
            threadState = 0;
        }
    }

    /**
     * Waits, briefly and with this interpreter's GIL released between looks, until no thread started in
     * it is left: {@code Py_EndInterpreter} joins non-daemon ones and aborts the process on any other.
     * Returns null when none is left, else why it cannot end.
     */
    private String awaitOwnThreads() {
        ThreadContext ctx = Gil.context();
        long deadline = System.nanoTime() + CloseParticipant.STOP_GRACE.toNanos();
        while (true) {
            long count = threadsLeft(ctx);
            if (count == 0) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                return thread.getName() + ": " + count + " thread(s) started in its sub-interpreter still run, so it "
                        + "cannot be ended (it is left as it is)";
            }
            long saved = CPython.PyEval_SaveThread();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                CPython.PyEval_RestoreThread(saved);
            }
        }
    }

    /** {@code threads_left()} of the bootstrap helpers, or -1 when it cannot be asked. */
    private long threadsLeft(ThreadContext ctx) {
        long count = callHelper(ctx, "threads_left");
        if (count == 0) {
            CPython.PyErr_Clear();
            return -1;
        }
        try {
            Object value = PlainValues.toJava(ctx, count, "thread count");
            return value instanceof Long n ? n : -1;
        } finally {
            CPython.Py_DecRef(count);
        }
    }

    private void releaseHelpers() {
        for (long object : new long[] {helpers, cancelledType, closingType}) {
            if (object != 0) {
                CPython.Py_DecRef(object);
            }
        }
        helpers = 0;
        cancelledType = 0;
        closingType = 0;
    }

    /** A traceback formatted inside the sub-interpreter; the exception object itself stays there. */
    private record FormattedTraceback(String text) implements RaisedTraceback {
        @Override
        public String format() {
            return text;
        }

        @Override
        public StackTraceElement[] pythonFrames() {
            return new StackTraceElement[0];
        }

        @Override
        public long exceptionReference() {
            return 0;
        }
    }
}
