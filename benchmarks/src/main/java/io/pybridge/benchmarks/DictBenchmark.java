package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;

/**
 * {@code make_dict()} (ten keys: str to int, float and str) and its result read into Java, as a
 * {@code Map} and as a record; paired with {@code capi.dict_walk_10}, which calls the same function
 * and walks the dict with {@code PyDict_Next}, converting every key and value to C.
 */
@State(Scope.Thread)
public class DictBenchmark {
    private static final int BATCH = 100;

    /** The dict's shape as a Java record: snake_case keys map to these components one to one. */
    public record SmallResult(long id, long count, long offset, int year, double score, double ratio, double mean,
                              String name, String label, String lang) {
    }

    private PyObject makeDict;

    @Setup
    public void setUp() {
        makeDict = Bridge.target("make_dict");
    }

    @TearDown
    public void tearDown() {
        makeDict.close();
    }

    /** The dict as a {@code Map<String, Object>} (Long, Double and String values). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int toMap() {
        return Bridge.PYTHON.withGil(py -> {
            int sizes = 0;
            for (int k = 0; k < BATCH; k++) {
                try (PyObject dict = makeDict.call()) {
                    sizes += dict.as(Map.class).size();
                }
            }
            return sizes;
        });
    }

    /** The dict as a record, each component converted to its declared type. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long toRecord() {
        return Bridge.PYTHON.withGil(py -> {
            long sum = 0;
            for (int k = 0; k < BATCH; k++) {
                try (PyObject dict = makeDict.call()) {
                    sum += dict.as(SmallResult.class).id();
                }
            }
            return sum;
        });
    }
}
