package io.pybridge.benchmarks;

import io.pybridge.PyObject;

/**
 * Calls whose results are left to the garbage collector, the loop {@code docs/performance.md} measures
 * the clean-ups with: {@code withGil} bodies of 100 calls for {@code SECONDS}, then one line with the
 * time per call and the heap in use. Run with {@code -Xlog:gc} for the live set and the pauses.
 * {@code KIND}: {@code none} ({@code noop()}, result ignored), {@code tuple} ({@code pair(k, 0.5)}, result
 * ignored), {@code str} ({@code echo} of a 16-character string, read {@code as(String.class)}, not closed)
 * or {@code str-closed} (the same, closed).
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -Xlog:gc -Dpybridge.bench.modulePath=benchmarks/python \
 *     -cp benchmarks/target/benchmarks.jar io.pybridge.benchmarks.UnclosedResultsMain KIND [SECONDS]</pre>
 */
public final class UnclosedResultsMain {
    private static final int BODY = 100;
    private static final String TEXT = "abcdefghijklmnop";

    private UnclosedResultsMain() {
    }

    public static void main(String[] args) {
        String kind = args[0];
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        PyObject function = Bridge.target(switch (kind) {
            case "none" -> "noop";
            case "tuple" -> "pair";
            default -> "echo";
        });
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        long characters = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            characters += Bridge.PYTHON.withGil(py -> {
                long read = 0;
                for (int k = 0; k < BODY; k++) {
                    read += call(function, kind, k);
                }
                return read;
            });
            calls += BODY;
        }
        double nanosPerCall = (System.nanoTime() - start) / (double) calls;
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%s\t%.1f ns a call\t%d calls\t%d MB in use\t%d characters read%n", kind, nanosPerCall, calls,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, characters);
        Bridge.PYTHON.close();
    }

    private static int call(PyObject function, String kind, int k) {
        switch (kind) {
            case "none":
                function.call();
                return 0;
            case "tuple":
                function.call(k, 0.5);
                return 0;
            case "str":
                return function.call(TEXT).as(String.class).length();
            case "str-closed":
                try (PyObject result = function.call(TEXT)) {
                    return result.as(String.class).length();
                }
            default:
                throw new IllegalArgumentException("KIND is none, tuple, str or str-closed, not " + kind);
        }
    }
}
