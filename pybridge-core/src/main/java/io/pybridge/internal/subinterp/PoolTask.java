package io.pybridge.internal.subinterp;

import io.pybridge.internal.submit.PythonFuture;
import io.pybridge.internal.submit.StoppableRun;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One call queued on an interpreter pool: what to call, its future, and its run for stopping it. */
final class PoolTask {
    private static final AtomicLong NUMBERS = new AtomicLong();

    final String module;
    final String function;
    final List<Object> args;
    final Class<?> resultType;
    final PythonFuture<Object> future = new PythonFuture<>();
    final StoppableRun run = new StoppableRun();
    final String name;
    /** The worker running it; set before the run begins. */
    volatile SubInterpreterWorker worker;

    PoolTask(String module, String function, List<Object> args, Class<?> resultType) {
        this.module = module;
        this.function = function;
        this.args = args;
        this.resultType = resultType;
        this.name = module + "." + function + " #" + NUMBERS.incrementAndGet();
    }

    @Override
    public String toString() {
        return "pool task " + name;
    }
}
