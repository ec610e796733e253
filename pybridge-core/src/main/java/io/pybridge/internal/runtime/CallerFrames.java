package io.pybridge.internal.runtime;

import io.pybridge.internal.api.ApiErrors;

import java.util.Arrays;

/**
 * The stack of the thread that made a call which ran on a bridge thread ({@link CarrierThreads}), taken on
 * that thread when the call's failure reaches it.
 *
 * <p>Why: a failure thrown on a bridge thread has that thread's frames only, which end in the bridge's
 * thread machinery. A platform thread with the JVM's default stack (main() included) and every virtual
 * thread hand their Python work to a bridge thread, so without these frames a Python error raised by a
 * call from a request handler would not show the Java code that made the call. A public exception puts
 * them under its own frames ({@code PythonException#getStackTrace}): Python frames, then the bridge
 * thread's up to where it took the call, then the caller's from {@link CarrierThreads#call} down. Any
 * other failure (one thrown by a {@code withGil} body) gets them as a suppressed exception, once, printed
 * with its stack trace; its own frames are left as they were thrown.
 *
 * <p>The cost, a stack capture on the calling thread, is paid only by failures that crossed threads.
 */
public final class CallerFrames extends RuntimeException {
    private static final String TASK_CLASS = "java.util.concurrent.FutureTask";

    private CallerFrames(Thread caller) {
        super("the call into Python was made here, on thread \"" + caller.getName()
                + "\", and ran on a bridge thread", null, false, true);
    }

    /**
     * Adds the calling thread's frames to {@code failure}, which the call it made threw on a bridge thread.
     * Called on the calling thread; a failure that has them already (thrown again) is left as it is.
     */
    static void attach(Throwable failure) {
        if (failure == null || failure instanceof CallerFrames) {
            return;
        }
        CallerFrames frames = new CallerFrames(Thread.currentThread());
        if (ApiErrors.addCallerFrames(failure, frames)) {
            return;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof CallerFrames) {
                return;
            }
        }
        frames.setStackTrace(fromTheCall(frames));
        failure.addSuppressed(frames);
    }

    /**
     * {@code onBridgeThread}, the frames of a failure thrown on a bridge thread, without the bridge thread's
     * own machinery (from the task that ran the call down), followed by the frames of {@code callerFrames},
     * what {@link ApiErrors#addCallerFrames} was given.
     */
    public static StackTraceElement[] join(StackTraceElement[] onBridgeThread, Throwable callerFrames) {
        int end = onBridgeThread.length;
        for (int i = onBridgeThread.length - 1; i >= 0; i--) {
            if (onBridgeThread[i].getClassName().equals(TASK_CLASS)) {
                end = i;
                break;
            }
        }
        StackTraceElement[] caller = fromTheCall(callerFrames);
        StackTraceElement[] joined = Arrays.copyOf(onBridgeThread, end + caller.length);
        System.arraycopy(caller, 0, joined, end, caller.length);
        return joined;
    }

    /** The caller's frames from the bridge's hand-off ({@code CarrierThreads.call}) down. */
    private static StackTraceElement[] fromTheCall(Throwable callerFrames) {
        StackTraceElement[] all = callerFrames.getStackTrace();
        int start = 0;
        while (start < all.length - 1 && isCapture(all[start])) {
            start++;
        }
        return Arrays.copyOfRange(all, start, all.length);
    }

    private static boolean isCapture(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.equals(CallerFrames.class.getName())
                || type.equals(CarrierThreads.class.getName()) && frame.getMethodName().equals("rethrowToCaller");
    }
}
