package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A Java string to Python, through {@code echo}, and back; paired with {@code capi.str_*}. */
@State(Scope.Thread)
@OperationsPerInvocation(StringBenchmark.BATCH)
public class StringBenchmark {
    static final int BATCH = 100;
    private PyObject echo;
    private String ascii16;
    private String ascii1000;
    private String nonAscii16;
    private String nonAscii1000;

    @Setup
    public void setUp() {
        echo = Bridge.target("echo");
        ascii16 = "abcdefghijklmnop";
        ascii1000 = "x".repeat(1000);
        nonAscii16 = "aéж中".repeat(4);
        nonAscii1000 = "aéж中".repeat(250);
    }

    @TearDown
    public void tearDown() {
        echo.close();
    }

    /** A batch of round trips in one withGil body, as the C side runs its loop holding the GIL. */
    private int roundTrip(String text) {
        return Bridge.PYTHON.withGil(py -> {
            int length = 0;
            for (int k = 0; k < BATCH; k++) {
                try (PyObject back = echo.call(text)) {
                    length += back.as(String.class).length();
                }
            }
            return length;
        });
    }

    @Benchmark
    public int ascii16() {
        return roundTrip(ascii16);
    }

    @Benchmark
    public int ascii1000() {
        return roundTrip(ascii1000);
    }

    @Benchmark
    public int nonAscii16() {
        return roundTrip(nonAscii16);
    }

    @Benchmark
    public int nonAscii1000() {
        return roundTrip(nonAscii1000);
    }
}
