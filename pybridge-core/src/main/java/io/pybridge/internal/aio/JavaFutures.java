package io.pybridge.internal.aio;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.PythonThreads;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.ref.WeakReference;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Java futures passed to Python: a {@code CompletionStage} (a {@code CompletableFuture}) becomes a
 * {@code _pybridge_asyncio.JavaFuture}, a {@code concurrent.futures.Future} that any asyncio loop can
 * await. It completes when the Java future does (on a bridge thread, which takes the GIL for it), with
 * the value converted as any Java value passed to Python; cancelling either cancels the other.
 */
public final class JavaFutures {
    /**
     * Where a Java future's outcome is handed to Python. Not the completing thread: that would take the GIL
     * on whatever thread completes the future, perhaps one holding a Java lock a GIL holder waits for.
     */
    private static final Executor SETTLERS = Executors.newCachedThreadPool(PythonThreads.factory("pybridge-future-settle"));

    private JavaFutures() {
    }

    /** A new reference to the Python future standing for {@code stage}. The caller holds the GIL. */
    public static long toPython(ThreadContext ctx, CompletionStage<?> stage) {
        // Weak: the Python future must not keep a Java future alive that nothing else can complete.
        WeakReference<CompletionStage<?>> weakStage = new WeakReference<>(stage);
        Runnable cancelJava = () -> {
            if (weakStage.get() instanceof Future<?> future) {
                future.cancel(true);
            }
        };
        PyRef pythonFuture;
        try (PyRef type = EventLoop.MODULE.attribute("JavaFuture")) {
            pythonFuture = type.call(cancelJava);
        }
        long pointer = pythonFuture.pointer();
        CPython.Py_IncRef(pointer);
        stage.whenCompleteAsync((value, failure) -> settle(pythonFuture, value, failure), SETTLERS);
        return pointer;
    }

    /** Runs on a settling thread once the Java future completed. Nothing may escape from it. */
    private static void settle(PyRef pythonFuture, Object value, Throwable failure) {
        try {
            GilScope.call(ctx -> {
                Throwable cause = unwrap(failure);
                if (cause == null) {
                    pythonFuture.callMethod("_java_result", value).close();
                } else if (cause instanceof CancellationException) {
                    pythonFuture.callMethod("_java_cancelled").close();
                } else {
                    Runnable raise = () -> {
                        throw JavaFutures.<RuntimeException>unchecked(cause);
                    };
                    pythonFuture.callMethod("_java_failure", raise).close();
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (Interpreter.isRunning()) {
                // The value did not convert: the Python future fails with that instead.
                failQuietly(pythonFuture, e);
            }
        } finally {
            pythonFuture.close();
        }
    }

    private static void failQuietly(PyRef pythonFuture, RuntimeException error) {
        try {
            Runnable raise = () -> {
                throw error;
            };
            pythonFuture.callMethod("_java_failure", raise).close();
        } catch (RuntimeException ignored) {
            // Nothing more can be done from the completing thread.
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable failure) throws E {
        throw (E) failure;
    }
}
