package io.pybridge.internal.output;

import io.pybridge.internal.convert.PyRef;

import io.pybridge.internal.convert.HelperModule;
import io.pybridge.internal.runtime.Gil;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code sys.stdout} and {@code sys.stderr} replaced by streams that hand Java whole lines
 * ({@code JavaTextStream} in {@code _pybridge_output.py}), and Python's {@code logging} forwarded to SLF4J
 * ({@link LogForwarding}). Java targets are called with the GIL released: they may block (a full pipe, a
 * logging backend's lock) without holding up other Python threads, and a target that takes a Java lock
 * cannot deadlock with a Java thread that holds it while waiting for the GIL.
 */
public final class OutputRedirection {
    static final HelperModule MODULE = new HelperModule("_pybridge_output", OutputRedirection.class);

    private OutputRedirection() {
    }

    /**
     * Replaces {@code sys.<stream>} ({@code "stdout"} or {@code "stderr"}) with a stream handing {@code sink}
     * whole lines, and, unless {@code wholeLines}, the unfinished line on {@code flush()}. Takes the GIL.
     */
    public static void redirect(String stream, Consumer<String> sink, boolean wholeLines) {
        Objects.requireNonNull(sink, "sink");
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw new IllegalArgumentException("stream must be stdout or stderr, got " + stream);
        }
        try (PyRef redirect = MODULE.attribute("redirect")) {
            redirect.call(stream, releasingGil(sink), wholeLines).close();
        }
    }

    /** {@code sink}, called with the GIL released when the calling thread holds it. */
    static <T> Consumer<T> releasingGil(Consumer<T> sink) {
        return value -> {
            if (Gil.heldByCurrentThread()) {
                Gil.allowThreads(Gil.context(), () -> {
                    sink.accept(value);
                    return null;
                });
            } else {
                sink.accept(value);
            }
        };
    }
}
