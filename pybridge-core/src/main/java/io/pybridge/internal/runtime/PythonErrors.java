package io.pybridge.internal.runtime;

import io.pybridge.internal.api.ApiErrors;
import io.pybridge.internal.api.RaisedTraceback;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.VersionShims;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.capi.PyStrings;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the Python error indicator into a Java exception that keeps everything Python knew: the type,
 * the message, {@code __cause__} / {@code __context__} as the Java cause chain, and the exception
 * object, from which the traceback text and the Python frames put in front of the Java stack trace
 * are read only when asked for.
 */
public final class PythonErrors {
    private static final int MAX_CHAIN = 16;

    private PythonErrors() {
    }

    /**
     * Takes the pending Python exception, clears the indicator and returns its Java form, for the caller
     * to throw. The caller holds the GIL and saw a function report failure.
     *
     * <p>The tracebacks of the exception and of its cause chain are taken off the exception objects
     * ({@code __traceback__} becomes None) once their entries are captured, so that the frames, and every
     * local variable of the functions that failed, are freed now, as they are in Python when an
     * {@code except} block ends, and not when the garbage collector finds the Java exception unreachable.
     * The traceback text and the Python frames read the same from what was captured. They stay on where
     * something may still need them: in Java code that Python called (the exception may go back into
     * Python, whose traceback should keep the inner frames), and for name and attribute errors and
     * exception groups, whose text is formatted from the frames' variables.
     */
    public static RuntimeException fetch(ThreadContext ctx) {
        long exception = VersionShims.takeRaisedException(ctx.scratch());
        if (exception == 0) {
            return new IllegalStateException("Python reported a failure but set no exception");
        }
        try {
            return translate(ctx, exception, ctx.upcalls == 0);
        } finally {
            CPython.Py_DecRef(exception);
        }
    }

    /**
     * The Java form of the exception a task the bridge ran ended with ({@code python.async}), once nothing
     * in Python waits for it any more: its frames are let go as {@link #fetch} lets them go.
     * {@code exception} is borrowed; the caller holds the GIL.
     */
    public static RuntimeException ofFinishedTask(ThreadContext ctx, long exception) {
        return translate(ctx, exception, true);
    }

    private static RuntimeException translate(ThreadContext ctx, long exception, boolean framesMayGo) {
        Chain chain = new Chain();
        try {
            return translate(ctx, exception, chain);
        } finally {
            boolean detach = framesMayGo && !chain.framesNeeded;
            chain.complete(detach ? ExceptionBatch.ofThread(ctx) : ExceptionBatch.ofItsOwn(), detach);
        }
    }

    /**
     * The Java form of an exception object that was not raised through the bridge (one a task ended with,
     * one a log record carries), as {@link #fetch} would give it had it been raised: type, message,
     * traceback, cause chain, the Java throwable it carries. {@code exception} is borrowed and left as it
     * is; the caller holds the GIL.
     */
    public static RuntimeException of(ThreadContext ctx, long exception) {
        return translate(ctx, exception, false);
    }

    /**
     * The exceptions of one cause chain as they are translated, and whether any needs its frames kept.
     * Each exception's traceback keeps the whole chain: the text of one shows the tracebacks of the
     * others. All of them go into one {@link ExceptionBatch}, which each Java exception keeps reachable
     * through the chain, so that no member's references are dropped while another member reads them.
     */
    private static final class Chain {
        /** The exception objects met so far (borrowed), to stop at a cycle. */
        private long[] exceptions = new long[1];
        private int met;
        final List<KeptTraceback> kept = new ArrayList<>(1);
        boolean framesNeeded;
        /** Keeps the Python references of the chain, and of the others of its batch, from being dropped. */
        @SuppressWarnings("unused")
        private ExceptionBatch batch;

        void meet(long exception) {
            if (met == exceptions.length) {
                exceptions = Arrays.copyOf(exceptions, met * 2);
            }
            exceptions[met++] = exception;
        }

        boolean met(long exception) {
            for (int i = 0; i < met; i++) {
                if (exceptions[i] == exception) {
                    return true;
                }
            }
            return false;
        }

        int length() {
            return met;
        }

        /** Hands every member to {@code batch}, and takes the tracebacks off the exceptions if {@code detach}. */
        void complete(ExceptionBatch batch, boolean detach) {
            this.batch = batch;
            for (KeptTraceback member : kept) {
                batch.add(member);
                if (detach) {
                    member.detach();
                }
            }
        }
    }

    private static RuntimeException translate(ThreadContext ctx, long exception, Chain chain) {
        chain.meet(exception);
        long type = CPython.PyObject_Type(exception);
        RaisedType raised;
        try {
            raised = RaisedType.of(ctx, type);
        } finally {
            CPython.Py_DecRef(type);
        }
        chain.framesNeeded |= raised.keepsFrames();
        String typeName = raised.name();
        CapturedTraceback captured = CapturedTraceback.of(ctx, exception);
        String message = strOrPlaceholder(ctx, exception);
        Throwable javaCause = JavaHandles.carriedBy(ctx, exception);
        Throwable cause = javaCause != null ? javaCause : chained(ctx, exception, chain);
        CPython.Py_IncRef(exception);
        KeptTraceback kept = new KeptTraceback(exception, captured, chain.kept);
        LazyTraceback traceback = new LazyTraceback(kept, chain);
        chain.kept.add(kept);
        if (raised.importError()) {
            String text = (message.isEmpty() ? typeName : typeName + ": " + message) + importHint(ctx, typeName);
            return ApiErrors.raised(true, text, typeName, message, traceback, cause);
        }
        return ApiErrors.raised(false, null, typeName, message, traceback, cause);
    }

    /** {@code __cause__}, or {@code __context__} unless suppressed: what Python itself would print. */
    private static Throwable chained(ThreadContext ctx, long exception, Chain chain) {
        if (chain.length() >= MAX_CHAIN) {
            return null;
        }
        long next = CPython.PyException_GetCause(exception);
        if (next == 0) {
            next = CPython.PyException_GetContext(exception);
            if (next != 0 && suppressesContext(ctx, exception)) {
                CPython.Py_DecRef(next);
                next = 0;
            }
        }
        if (next == 0) {
            return null;
        }
        try {
            if (chain.met(next)) {
                return null;
            }
            return translate(ctx, next, chain);
        } finally {
            CPython.Py_DecRef(next);
        }
    }

    private static boolean suppressesContext(ThreadContext ctx, long exception) {
        long flag = CPython.PyObject_GetAttr(exception, PythonNames.of(ctx, "__suppress_context__"));
        if (flag == 0) {
            CPython.PyErr_Clear();
            return false;
        }
        try {
            return flag == PyConstants.TRUE;
        } finally {
            CPython.Py_DecRef(flag);
        }
    }

    private static String strOrPlaceholder(ThreadContext ctx, long object) {
        long text = CPython.PyObject_Str(object);
        if (text == 0) {
            CPython.PyErr_Clear();
            return "<str() of the exception failed>";
        }
        try {
            String read = PyStrings.read(ctx.scratch(), text);
            if (read == null) {
                CPython.PyErr_Clear();
                return "<str() of the exception cannot be read>";
            }
            return read;
        } finally {
            CPython.Py_DecRef(text);
        }
    }

    /** For a module that was not found: where Python looked, and how to add a folder. */
    private static String importHint(ThreadContext ctx, String typeName) {
        if (!typeName.equals("ModuleNotFoundError")) {
            return "";
        }
        NativeScratch scratch = ctx.scratch();
        long mark = scratch.mark();
        try {
            // A new reference through the module (PySys_GetObject's is borrowed: on a free-threaded build
            // another thread could replace sys.path and free the list while it is read).
            long sys = CPython.PyImport_ImportModule(scratch.cString("sys"));
            long path = sys == 0 ? 0 : CPython.PyObject_GetAttrString(sys, scratch.cString("path"));
            CPython.Py_DecRef(sys);
            if (path == 0) {
                CPython.PyErr_Clear();
                return "";
            }
            long repr = CPython.PyObject_Repr(path);
            CPython.Py_DecRef(path);
            if (repr == 0) {
                CPython.PyErr_Clear();
                return "";
            }
            try {
                return "\n  searched sys.path = " + PythonText.read(ctx, repr)
                        + "\n  add the module's folder with Python.builder().modulePath(dir) or python.addModulePath(dir),"
                        + " or install the package into the interpreter PyBridge runs on";
            } finally {
                CPython.Py_DecRef(repr);
            }
        } finally {
            scratch.release(mark);
        }
    }

    /**
     * The traceback of one exception, formatted by Python's own {@code traceback} module on demand, and
     * its frames, read on demand. What is not read by the time the interpreter closes is read by close
     * ({@link UnreadTracebacks}); once no Java exception of its {@link ExceptionBatch} is reachable, the
     * garbage collector's clean-up drops the Python references.
     */
    private static final class LazyTraceback implements RaisedTraceback {
        private final KeptTraceback kept;
        /** Keeps the chain's batch, and with it the Python references this reads, from being dropped. */
        @SuppressWarnings("unused")
        private final Chain chain;

        LazyTraceback(KeptTraceback kept, Chain chain) {
            this.kept = kept;
            this.chain = chain;
        }

        @Override
        public String format() {
            String text = kept.text();
            if (text == null) {
                read(kept::readText);
                text = kept.text();
            }
            return text == null ? "" : text;
        }

        @Override
        public StackTraceElement[] pythonFrames() {
            StackTraceElement[] frames = kept.frames();
            if (frames == null) {
                read(kept::readFrames);
                frames = kept.frames();
            }
            return frames == null ? new StackTraceElement[0] : frames.clone();
        }

        /** {@link #fetch} and the methods it calls to translate the exception and its cause chain. */
        @Override
        public boolean translates(StackTraceElement frame) {
            return frame.getClassName().equals(PythonErrors.class.getName());
        }

        /** Reads while the interpreter runs; after close, what close read is all there is. */
        private void read(Consumer<ThreadContext> reader) {
            if (!Interpreter.usableByCurrentThread()) {
                return;
            }
            try {
                GilScope.call(ctx -> {
                    reader.accept(ctx);
                    return null;
                });
            } catch (IllegalStateException closedMeanwhile) {
                return;
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public long exceptionReference() {
            try {
                long object = kept.exception();
                if (object != 0) {
                    CPython.Py_IncRef(object);
                }
                return object;
            } finally {
                Reference.reachabilityFence(this);
            }
        }
    }
}
