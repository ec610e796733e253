package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.PythonException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A Python exception caught in Java: type and message read, traceback not formatted. */
@State(Scope.Thread)
public class ExceptionBenchmark {
    private PyObject raiseValueError;

    @Setup
    public void setUp() {
        raiseValueError = Bridge.target("raise_value_error");
    }

    @TearDown
    public void tearDown() {
        raiseValueError.close();
    }

    @Benchmark
    public String valueError() {
        return Bridge.PYTHON.withGil(py -> {
            try {
                raiseValueError.call().close();
                throw new AssertionError("no exception");
            } catch (PythonException e) {
                return e.pythonType() + e.pythonMessage();
            }
        });
    }
}
