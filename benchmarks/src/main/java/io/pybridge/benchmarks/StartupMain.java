package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Path;

/**
 * One fresh start, timed from {@code main()}: {@code Python.start()} (with {@code bench_target}'s folder on
 * {@code sys.path}), the import of {@code bench_target}, and the first call {@code add(1, 2)} converted back
 * to a {@code long}. Prints one tab-separated line, milliseconds since {@code main()} was entered:
 * {@code started imported called} — what {@code benchmarks/startup.sh} reads, beside the C program
 * {@code startup_embed} doing the same on the same libpython. With {@code --runtime} after the folder it
 * prints the started interpreter's libpython and executable instead (tab-separated), for the script's C
 * row on the bundled runtime, whose tree only the start finds.
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.StartupMain MODULE_DIR [--runtime]</pre>
 */
public final class StartupMain {
    private StartupMain() {
    }

    public static void main(String[] args) {
        long entered = System.nanoTime();
        Python python = Python.builder().modulePath(Path.of(args[0])).start();
        long started = System.nanoTime();
        if (args.length > 1 && args[1].equals("--runtime")) {
            System.out.println(python.runtime().library() + "\t" + python.runtime().executable());
            return;
        }
        long result = python.withGil(py -> {
            try (PyObject module = py.importModule("bench_target")) {
                long imported = System.nanoTime();
                try (PyObject sum = module.callMethod("add", 1, 2)) {
                    long value = sum.as(Long.class);
                    long called = System.nanoTime();
                    System.out.printf("%.3f\t%.3f\t%.3f%n", millis(entered, started), millis(entered, imported),
                            millis(entered, called));
                    return value;
                }
            }
        });
        if (result != 3) {
            throw new AssertionError("add(1, 2) returned " + result);
        }
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
    }
}
