package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.EnvironmentVariables;
import io.pybridge.internal.capi.LibC;
import io.pybridge.internal.capi.LibPython;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Makes the process look, from Python, like a standalone Python's where the JVM owns it: the locale,
 * faulthandler, the signals of forked and spawned children, the daemon status of threads that enter
 * from Java. The Python half is {@code _pybridge_process.py} next to this class; what cannot be made
 * equal is in {@code docs/embedding-differences.md}.
 *
 * <p>{@link Interpreter} calls {@link #beforeInitialize} and {@link #afterInitialize} on its main thread
 * around {@code Py_InitializeEx}, {@link #afterClose} when closing; {@link Gil} calls {@link #adoptThread}
 * the first time a platform thread takes the GIL; {@link InterpreterShutdown} calls
 * {@link #beforeThreadShutdown} before it waits for non-daemon Python threads.
 */
public final class ProcessParity {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessParity.class);
    private static final String MODULE = "_pybridge_process";
    /** Enables faulthandler during {@code Py_InitializeEx}, before anything of the bridge's can intervene. */
    private static final String FAULT_HANDLER_VARIABLE = "PYTHONFAULTHANDLER";

    private static String hiddenFaultHandlerSetting;
    private static volatile long adoptThread;
    private static volatile long beforeThreadShutdown;
    private static volatile long mainInterpreter;

    private ProcessParity() {
    }

    /**
     * Before {@code Py_InitializeEx}: remembers the JVM's signal handlers, sets the locale standalone
     * Python starts with, and hides {@code PYTHONFAULTHANDLER} so that initialization does not install
     * faulthandler's handlers (they come back as the safe version in {@link #afterInitialize}).
     */
    static void beforeInitialize() {
        JvmSignals.capture();
        StandaloneLocale.apply();
        String setting = EnvironmentVariables.get(FAULT_HANDLER_VARIABLE).orElse("");
        hiddenFaultHandlerSetting = setting.isEmpty() ? null : setting;
        if (hiddenFaultHandlerSetting != null) {
            EnvironmentVariables.unset(FAULT_HANDLER_VARIABLE);
        }
    }

    /**
     * Right after {@code Py_InitializeEx}, on the main thread holding the GIL: puts the environment back,
     * installs the Python half, and undoes any replacement of the JVM's signal handlers made during
     * initialization.
     */
    static void afterInitialize(ThreadContext ctx) {
        String faultHandler = hiddenFaultHandlerSetting;
        try {
            long globals = load(ctx);
            long setup = function(ctx, globals, "setup");
            long argument = faultHandler == null ? PyConstants.NONE : PythonText.of(ctx, faultHandler);
            try {
                CPython.Py_DecRef(RawCalls.call(ctx, setup, argument));
            } finally {
                if (faultHandler != null) {
                    CPython.Py_DecRef(argument);
                }
            }
            adoptThread = function(ctx, globals, "adopt_thread");
            beforeThreadShutdown = function(ctx, globals, "before_thread_shutdown");
            mainInterpreter = CPython.PyInterpreterState_Get();
        } finally {
            if (faultHandler != null) {
                LibC.setenv(FAULT_HANDLER_VARIABLE, faultHandler);
                hiddenFaultHandlerSetting = null;
            }
        }
        JvmSignals.restoreReplaced("while Python started");
    }

    /**
     * The first time a platform thread takes the GIL (its thread state is new): makes the thread look
     * non-daemon to {@code threading}. Never throws: a stop raised meanwhile (close, a cancelled call) is
     * raised again for the thread's next bytecode.
     */
    static void adoptThread(ThreadContext ctx) {
        long adopt = adoptThread;
        if (adopt == 0 || CPython.PyThreadState_GetInterpreter(ctx.threadState) != mainInterpreter) {
            return;
        }
        boolean holdsGil = ctx.holdsGil();
        int depth = ctx.depth;
        ctx.holdsGil(true);
        ctx.depth = Math.max(depth, 1);
        try {
            long result = CPython.PyObject_CallNoArgs(adopt);
            if (result != 0) {
                CPython.Py_DecRef(result);
            } else {
                handleAdoptFailure(ctx);
            }
        } finally {
            ctx.holdsGil(holdsGil);
            ctx.depth = depth;
        }
    }

    private static void handleAdoptFailure(ThreadContext ctx) {
        long type = CPython.PyErr_Occurred();
        if (type != 0 && CPython.PyErr_GivenExceptionMatches(type, LibPython.pointerValue("PyExc_Exception")) == 0) {
            CPython.Py_IncRef(type);
            CPython.PyErr_Clear();
            CPython.PyThreadState_SetAsyncExc(ctx.pythonThreadId, type);
            CPython.Py_DecRef(type);
            return;
        }
        LOG.warn("thread {} entered Python, but marking it non-daemon for threading failed; threads it starts "
                + "are daemon threads", Thread.currentThread().getName(), PythonErrors.fetch(ctx));
    }

    /**
     * What standalone Python's exit does before joining non-daemon threads: {@code threading}'s exit
     * callbacks (concurrent.futures ends its idle workers there), within {@code limit}.
     */
    static void beforeThreadShutdown(Duration limit) {
        long callbacks = beforeThreadShutdown;
        if (callbacks == 0) {
            return;
        }
        Interpreter.onMainThreadHoldingGil(ctx -> {
            long result = CPython.PyObject_CallNoArgs(callbacks);
            if (result == 0) {
                LOG.warn("Python.close(): threading's exit callbacks failed", PythonErrors.fetch(ctx));
            } else {
                CPython.Py_DecRef(result);
            }
            return null;
        }, limit, "running threading's exit callbacks (threading._register_atexit)", true);
    }

    /** After close: the JVM's signal handlers are its own again, whatever ran in Python. */
    static void afterClose() {
        adoptThread = 0;
        beforeThreadShutdown = 0;
        JvmSignals.restoreReplaced("while Python ran");
    }

    /** Runs the module's source in a new namespace and returns that namespace (kept for the process's life). */
    private static long load(ThreadContext ctx) {
        return ResourceModules.run(ctx, ProcessParity.class, MODULE);
    }

    /** A function of the namespace, borrowed: the namespace is never released. */
    private static long function(ThreadContext ctx, long globals, String name) {
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            long function = CPython.PyDict_GetItemString(globals, scratch.cString(name));
            if (function == 0) {
                throw new IllegalStateException(MODULE + ".py does not define " + name);
            }
            return function;
        } finally {
            scratch.release(mark);
        }
    }
}
