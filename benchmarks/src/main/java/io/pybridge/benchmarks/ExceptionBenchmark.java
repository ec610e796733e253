package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.PythonException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A Python exception caught in Java: type and message read, traceback not formatted. */
@State(Scope.Thread)
public class ExceptionBenchmark {
    private static final int BATCH = 100;
    private PyObject raiseValueError;

    @Setup
    public void setUp() {
        raiseValueError = Bridge.target("raise_value_error");
    }

    @TearDown
    public void tearDown() {
        raiseValueError.close();
    }

    /** A batch in one withGil body, as the C side runs its loop holding the GIL. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int valueError() {
        return Bridge.PYTHON.withGil(py -> {
            int length = 0;
            for (int k = 0; k < BATCH; k++) {
                try {
                    raiseValueError.call().close();
                    throw new AssertionError("no exception");
                } catch (PythonException e) {
                    length += e.pythonType().length() + e.pythonMessage().length();
                }
            }
            return length;
        });
    }
}
