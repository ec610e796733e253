package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Path;

/**
 * The first calls of a fresh JVM, with no warm-up: {@code add(i, 1)} through {@code PyObject.call}, the
 * result converted to {@code long} and closed, each call taking the GIL itself (as code that calls Python
 * now and then does). Times the first {@code COUNT} calls, then calls on for {@code STEADY_SECONDS} and
 * times the last {@code COUNT} of those (the steady state, JIT-compiled). Prints one tab-separated line:
 * {@code first_call_us first_1000_avg_ns first_COUNT_avg_ns steady_avg_ns} — what
 * {@code benchmarks/warmup.sh} reads.
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.WarmupMain MODULE_DIR [COUNT] [STEADY_SECONDS]</pre>
 */
public final class WarmupMain {
    private WarmupMain() {
    }

    public static void main(String[] args) {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        double steadySeconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        Python python = Python.builder().modulePath(Path.of(args[0])).start();
        PyObject add = python.withGil(py -> {
            try (PyObject module = py.importModule("bench_target")) {
                return module.getAttr("add");
            }
        });
        long sum = 0;
        long start = System.nanoTime();
        sum += call(add, 0);
        long firstCall = System.nanoTime() - start;
        long firstThousand = 0;
        boolean blocks = Boolean.getBoolean("warmup.blocks");
        long blockStart = start;
        for (int i = 1; i < count; i++) {
            sum += call(add, i);
            if (i == 999) {
                firstThousand = System.nanoTime() - start;
            }
            if (blocks && (i + 1) % 1000 == 0) {
                long now = System.nanoTime();
                System.err.printf("calls %d-%d: %.0f ns per call%n", i - 998, i + 1, (now - blockStart) / 1000.0);
                blockStart = now;
            }
        }
        long first = System.nanoTime() - start;

        long until = System.nanoTime() + (long) (steadySeconds * 1e9);
        long i = count;
        while (System.nanoTime() < until) {
            for (int k = 0; k < 10_000; k++) {
                sum += call(add, i++);
            }
        }
        long steadyStart = System.nanoTime();
        for (int k = 0; k < count; k++) {
            sum += call(add, i++);
        }
        long steady = System.nanoTime() - steadyStart;
        if (sum == 42) {
            System.err.println("(unlikely sum)");
        }
        System.out.printf("%.1f\t%.1f\t%.1f\t%.1f%n", firstCall / 1e3, firstThousand / 1000.0,
                (double) first / count, (double) steady / count);
        python.close();
    }

    private static long call(PyObject add, long i) {
        try (PyObject result = add.call(i, 1)) {
            return result.as(Long.class);
        }
    }
}
