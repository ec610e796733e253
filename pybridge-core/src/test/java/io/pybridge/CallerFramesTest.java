package io.pybridge;

import io.pybridge.internal.runtime.CallerFrames;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A failure of a call that ran on a bridge thread (the caller was a virtual thread or had a small stack)
 * shows the Java code that made the call: a public exception has the calling thread's frames under its
 * own, any other failure has them as a suppressed {@link CallerFrames}.
 */
class CallerFramesTest {
    private static final String HAND_OFF = "io.pybridge.internal.runtime.CarrierThreads";

    private final Python python = Fixtures.python();

    @Test
    void aPythonErrorFromASmallStackThreadEndsInTheFramesThatMadeTheCall() throws Exception {
        PythonException failure = onSmallStackThread(() -> raiseFromJava(python));
        List<String> frames = frames(failure);
        assertTrue(frames.get(0).startsWith("python."), frames.toString());
        int handOff = indexOf(frames, HAND_OFF + ".call");
        int caller = indexOf(frames, CallerFramesTest.class.getName() + ".raiseFromJava");
        assertTrue(handOff > 0 && caller > handOff, frames.toString());
        assertTrue(frames.stream().noneMatch(f -> f.contains("CompanionThreads") || f.contains("FutureTask")),
                "the bridge thread's own machinery is left out: " + frames);
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        assertTrue(printed.toString().contains("at " + CallerFramesTest.class.getName() + ".raiseFromJava("),
                printed.toString());
    }

    @Test
    void aPythonErrorFromAVirtualThreadEndsInTheFramesThatMadeTheCall() throws Exception {
        AtomicReference<PythonException> caught = new AtomicReference<>();
        Thread.ofVirtual().start(() -> caught.set(raiseFromJava(python))).join();
        assertNotNull(caught.get(), "the virtual thread caught the failure");
        List<String> frames = frames(caught.get());
        int handOff = indexOf(frames, HAND_OFF + ".call");
        assertTrue(handOff > 0 && indexOf(frames, CallerFramesTest.class.getName() + ".raiseFromJava") > handOff,
                frames.toString());
        assertTrue(frames.stream().noneMatch(f -> f.contains("ThreadPoolExecutor")), frames.toString());
    }

    @Test
    void framesReadOnTheBridgeThreadBeforeTheCrossingGetTheCallersToo() throws Exception {
        PythonException failure = onSmallStackThread(() -> {
            try {
                python.withGil(py -> {
                    try {
                        py.eval("1/0");
                        return null;
                    } catch (PythonException e) {
                        assertTrue(e.getStackTrace()[0].getClassName().startsWith("python."));
                        throw e;
                    }
                });
                return fail("no exception");
            } catch (PythonException e) {
                return e;
            }
        });
        List<String> frames = frames(failure);
        assertTrue(frames.get(0).startsWith("python."), frames.toString());
        assertTrue(indexOf(frames, HAND_OFF + ".call") > 0, frames.toString());
        assertTrue(frames.stream().noneMatch(f -> f.contains("FutureTask")), frames.toString());
    }

    @Test
    void anyOtherFailureOfAWithGilBodyGetsTheCallersFramesAsSuppressedOnce() throws Exception {
        IllegalStateException thrownTwice = new IllegalStateException("the body's own");
        List<Throwable> caught = onSmallStackThread(() -> List.of(throwFromBody(thrownTwice), throwFromBody(thrownTwice)));
        assertSame(thrownTwice, caught.get(0));
        assertSame(thrownTwice, caught.get(1));
        Throwable[] suppressed = thrownTwice.getSuppressed();
        assertEquals(1, suppressed.length, "added once, by the first crossing");
        CallerFrames callers = assertInstanceOf(CallerFrames.class, suppressed[0]);
        assertTrue(callers.getMessage().contains("\"small-stack\""), callers.getMessage());
        List<String> frames = frames(callers);
        assertEquals(HAND_OFF + ".call", frames.get(0), frames.toString());
        assertTrue(indexOf(frames, CallerFramesTest.class.getName() + ".throwFromBody") > 0, frames.toString());
        assertTrue(frames(thrownTwice).stream().noneMatch(f -> f.startsWith(HAND_OFF)),
                "the failure's own frames are left as they were thrown");
    }

    @Test
    void aCallThatRanOnTheCallingThreadIsLeftAsItWas() throws Exception {
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread bigStack = new Thread(null, () -> {
            PythonException failure = raiseFromJava(python);
            IllegalStateException own = new IllegalStateException("own");
            Throwable same = throwFromBody(own);
            seen.set(new Object[] {failure, same});
        }, "big-stack", 64L << 20);
        bigStack.start();
        bigStack.join();
        PythonException failure = (PythonException) seen.get()[0];
        List<String> frames = frames(failure);
        assertTrue(frames.stream().noneMatch(f -> f.startsWith(HAND_OFF)), frames.toString());
        assertTrue(indexOf(frames, CallerFramesTest.class.getName() + ".raiseFromJava") > 0, frames.toString());
        assertEquals(0, ((Throwable) seen.get()[1]).getSuppressed().length);
    }

    private static PythonException raiseFromJava(Python python) {
        try (PyObject function = python.withGil(py -> py.eval("lambda: 1/0"))) {
            function.call();
            return fail("no exception");
        } catch (PythonException e) {
            return e;
        }
    }

    private Throwable throwFromBody(RuntimeException failure) {
        try {
            python.withGil(py -> {
                throw failure;
            });
            return fail("no exception");
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static <T> T onSmallStackThread(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 256 << 10);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the small-stack thread failed", failure.get());
        }
        return result.get();
    }

    private static List<String> frames(Throwable failure) {
        return Arrays.stream(failure.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName()).toList();
    }

    private static int indexOf(List<String> frames, String frame) {
        return frames.indexOf(frame);
    }
}
