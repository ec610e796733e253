package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Path;

/**
 * The first calls of a fresh JVM, with no warm-up: {@code add(i, 1)} through {@code PyObject.call}, the
 * result converted to {@code long} and closed, each call taking the GIL itself (as code that calls Python
 * now and then does), timed by {@link WarmupTimer}: the first {@code COUNT} calls, and the steady state after
 * {@code STEADY_SECONDS} more. Prints the timer's line, what {@code benchmarks/warmup.sh} reads.
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.WarmupMain MODULE_DIR [COUNT] [STEADY_SECONDS]</pre>
 */
public final class WarmupMain {
    private WarmupMain() {
    }

    public static void main(String[] args) throws Throwable {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        double steadySeconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        Python python = Python.builder().modulePath(Path.of(args[0])).start();
        PyObject add = python.withGil(py -> {
            try (PyObject module = py.importModule("bench_target")) {
                return module.getAttr("add");
            }
        });
        System.out.println(WarmupTimer.time(i -> call(add, i), count, steadySeconds));
        python.close();
    }

    private static long call(PyObject add, long i) {
        try (PyObject result = add.call(i, 1)) {
            return result.as(Long.class);
        }
    }
}
