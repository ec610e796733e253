package io.pybridge.benchmarks;

import io.pybridge.benchmarks.RawCApi.Calls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * The floor under {@link WarmupMain}: the same first calls of a fresh JVM, made through raw FFM downcall
 * handles on libpython ({@link RawCApi}) with no bridge code. Each call makes the C API calls one bridge
 * call makes ({@code add.call(i, 1)}, the result read as a {@code long} and closed; counted with uprobes on
 * libpython: {@code PyEval_RestoreThread}, {@code PyLong_FromLongLong}, {@code PyObject_Vectorcall},
 * {@code Py_DecRef} twice, {@code PyEval_SaveThread}), writes the two-argument vector and reads the
 * result's type, size and first digit in place, as the bridge's int conversion does. What that costs
 * before the JIT has compiled it is the JDK's share of the warm-up. Timed and printed by {@link WarmupTimer},
 * as {@code WarmupMain} is, for {@code benchmarks/warmup.sh}.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.RawFfmWarmupMain LIBPYTHON PROGRAM_NAME MODULE_DIR [COUNT] [STEADY_SECONDS]</pre>
 */
public final class RawFfmWarmupMain {
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final long OB_TYPE = 8;
    private static final long LONG_SIZE_OR_TAG = 16;
    private static final long LONG_FIRST_DIGIT = 24;
    private static long add;
    private static long one;
    private static long threadState;
    private static final long ARGV = Arena.global().allocate(16, 8).address();

    private RawFfmWarmupMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: RawFfmWarmupMain LIBPYTHON PROGRAM_NAME MODULE_DIR [COUNT] [STEADY_SECONDS]");
            System.exit(2);
        }
        RawCApi.use(Path.of(args[0]));
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        double steadySeconds = args.length > 4 ? Double.parseDouble(args[4]) : 3;
        RawCApi.start(args[1], args[2]);
        add = RawCApi.importAttribute("bench_target", "add");
        one = (long) Calls.FROM_LONG.invokeExact(1L, 0L, 0L, 0L);
        threadState = (long) Calls.SAVE_THREAD.invokeExact(0L, 0L, 0L, 0L);

        System.out.println(WarmupTimer.time(RawFfmWarmupMain::call, count, steadySeconds));
    }

    /**
     * {@code add(i & 0xFFFF, 1)}, taking and giving back the GIL; returns the result's first digit. Small
     * arguments keep the result one digit long on every version (3.12 replaced the size by a tag at the
     * same offset), so that the three reads stand for the bridge's in-place int conversion.
     */
    private static long call(long i) throws Throwable {
        long unused = (long) Calls.RESTORE_THREAD.invokeExact(threadState, 0L, 0L, 0L);
        long argument = (long) Calls.FROM_LONG.invokeExact(i & 0xFFFF, 0L, 0L, 0L);
        EVERYTHING.set(JAVA_LONG_UNALIGNED, ARGV, argument);
        EVERYTHING.set(JAVA_LONG_UNALIGNED, ARGV + 8, one);
        long result = (long) Calls.VECTORCALL.invokeExact(add, ARGV, 2L, 0L);
        unused = (long) Calls.DEC_REF.invokeExact(argument, 0L, 0L, 0L);
        if (result == 0) {
            throw new IllegalStateException("add(" + i + ", 1) raised");
        }
        long type = EVERYTHING.get(JAVA_LONG_UNALIGNED, result + OB_TYPE);
        long sizeOrTag = EVERYTHING.get(JAVA_LONG_UNALIGNED, result + LONG_SIZE_OR_TAG);
        long digit = EVERYTHING.get(JAVA_INT_UNALIGNED, result + LONG_FIRST_DIGIT);
        unused = (long) Calls.DEC_REF.invokeExact(result, 0L, 0L, 0L);
        threadState = (long) Calls.SAVE_THREAD.invokeExact(0L, 0L, 0L, 0L);
        return type == 0 || sizeOrTag == 0 ? -1 : digit;
    }
}
