package io.pybridge.benchmarks;

import io.pybridge.benchmarks.RawCApi.Calls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The floor under {@link StartupMain}: one fresh start timed from {@code main()}, done with raw FFM
 * downcall handles on libpython ({@link RawCApi}) and no bridge code, step by step as the C program
 * {@code startup_embed} does it: open the library, start the interpreter with the module folder on
 * {@code sys.path}, import {@code bench_target}, call {@code add(1, 2)} and read the result. What it takes
 * over the C program is the JDK's share of a start (the FFM linker's first handles, the classes it loads).
 * Prints the line {@code StartupMain} prints, for {@code benchmarks/startup.sh}.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.RawFfmStartupMain LIBPYTHON PROGRAM_NAME MODULE_DIR</pre>
 */
public final class RawFfmStartupMain {
    private RawFfmStartupMain() {
    }

    public static void main(String[] args) throws Throwable {
        long entered = System.nanoTime();
        if (args.length != 3) {
            System.err.println("usage: RawFfmStartupMain LIBPYTHON PROGRAM_NAME MODULE_DIR");
            System.exit(2);
        }
        RawCApi.use(Path.of(args[0]));
        RawCApi.start(args[1], args[2]);
        long started = System.nanoTime();
        long add = RawCApi.importAttribute("bench_target", "add");
        long imported = System.nanoTime();
        long left = (long) Calls.FROM_LONG.invokeExact(1L, 0L, 0L, 0L);
        long right = (long) Calls.FROM_LONG.invokeExact(2L, 0L, 0L, 0L);
        long sum;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(16, 8);
            argv.setAtIndex(JAVA_LONG, 0, left);
            argv.setAtIndex(JAVA_LONG, 1, right);
            sum = (long) Calls.VECTORCALL.invokeExact(add, argv.address(), 2L, 0L);
        }
        RawCApi.check(sum != 0, "calling add(1, 2)");
        long value = (long) Calls.AS_LONG.invokeExact(sum, 0L, 0L, 0L);
        long called = System.nanoTime();
        if (value != 3) {
            throw new AssertionError("add(1, 2) returned " + value);
        }
        System.out.printf("%.3f\t%.3f\t%.3f%n", millis(entered, started), millis(entered, imported),
                millis(entered, called));
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
    }
}
