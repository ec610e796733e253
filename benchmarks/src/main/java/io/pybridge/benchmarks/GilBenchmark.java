package io.pybridge.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Taking and releasing the GIL, paired with {@code capi.gil_ensure_release} and {@code capi.thread_hop}. */
@State(Scope.Thread)
public class GilBenchmark {
    /** An empty withGil on a platform thread that has used Python before. */
    @Benchmark
    public Object withGil() {
        return Bridge.PYTHON.withGil(py -> py);
    }

    /** An empty withGil from a virtual thread: the body hops to a bridge platform thread and back. */
    @Benchmark
    @OperationsPerInvocation(Bridge.VIRTUAL_BATCH)
    public void withGilVirtual() throws InterruptedException {
        Bridge.onVirtualThread(() -> Bridge.PYTHON.withGil(py -> py));
    }
}
