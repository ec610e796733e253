package io.pybridge.benchmarks;

import io.pybridge.PyIterator;
import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

/**
 * Items per second read from a Python generator through {@code PyIterator} (one GIL acquisition per item,
 * or per batch; from a platform thread, inside one {@code withGil}, from a virtual thread), and a Java
 * iterator read by a Python {@code for} loop, against a Python {@code for} loop over the same generator
 * in the same run. Prints a Markdown section for BENCHMARKS.md. Run by {@code benchmarks/iteration.sh}.
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.IterationThroughput [ITEMS] [REPETITIONS]</pre>
 */
public final class IterationThroughput {
    private final Python python;
    private final PyObject bench;
    private final int items;
    private final int repetitions;
    private final List<String> rows = new ArrayList<>();
    private double baseline;

    private IterationThroughput(Python python, PyObject bench, int items, int repetitions) {
        this.python = python;
        this.bench = bench;
        this.items = items;
        this.repetitions = repetitions;
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Python python = Python.start();
        String modulePath = System.getProperty("pybridge.bench.modulePath", "benchmarks/python");
        if (Files.isDirectory(Path.of(modulePath))) {
            python.addModulePath(Path.of(modulePath));
        }
        PyObject bench = python.withGil(py -> py.importModule("iteration_bench"));
        new IterationThroughput(python, bench, items, repetitions).run();
        python.close();
    }

    private void run() throws Exception {
        baseline = median(() -> (long) (bench.callMethod("for_loop_seconds", items).as(Double.class) * 1e9));
        row("Python `for` loop over the generator (baseline, timed in Python)", baseline);
        for (int batch : new int[] {1, 64, 1024}) {
            row("`PyIterator`, " + describe(batch) + ", platform thread (8 MiB stack)", median(() -> readAll(batch)));
        }
        row("`PyIterator`, one item per GIL step, inside one `withGil`", median(() -> python.withGil(py -> readAll(1))));
        int virtualItems = Math.max(1, items / 50);
        for (int batch : new int[] {1, 1024}) {
            row("`PyIterator`, " + describe(batch) + ", virtual thread",
                    median(() -> onVirtualThread(() -> readAll(batch, virtualItems))) * items / virtualItems);
        }
        row("Java `Iterator` read by a Python `for` loop (timed in Python)", median(() -> {
            var iterator = LongStream.range(0, items).boxed().iterator();
            return (long) (bench.callMethod("consume_seconds", iterator).as(Double.class) * 1e9);
        }));
        System.out.println("## Iterating Python generators from Java");
        System.out.println();
        System.out.printf(Locale.ROOT, "`benchmarks/iteration.sh %d %d` (`io.pybridge.benchmarks.IterationThroughput`): a generator%n", items, repetitions);
        System.out.println("of ints read to its end, each item converted to `Long`; median of the repetitions, one JVM, Python");
        System.out.println(python.runtime().version() + ". Ratios are time per item over the Python `for` loop's (lower is better);");
        System.out.printf(Locale.ROOT, "virtual-thread rows read %,d items (each GIL step hops to a bridge thread) and are scaled.%n",
                Math.max(1, items / 50));
        System.out.println();
        System.out.println("| how | items/s | ns per item | vs Python `for` |");
        System.out.println("| --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private static String describe(int batch) {
        return batch == 1 ? "one item per GIL step" : batch + " items per GIL step";
    }

    private long readAll(int batch) {
        return readAll(batch, items);
    }

    private long readAll(int batch, int count) {
        long start = System.nanoTime();
        long sum = 0;
        try (PyObject generator = bench.callMethod("numbers", count); PyIterator<Long> iterator = generator.iterate(Long.class, batch)) {
            while (iterator.hasNext()) {
                sum += iterator.next();
            }
        }
        long elapsed = System.nanoTime() - start;
        check(sum == (long) count * (count - 1) / 2, "sum " + sum);
        return elapsed;
    }

    private static long onVirtualThread(LongSupplier work) throws InterruptedException {
        AtomicLong result = new AtomicLong();
        Thread.ofVirtual().start(() -> result.set(work.getAsLong())).join();
        return result.get();
    }

    private interface Timed {
        long nanos() throws Exception;
    }

    private double median(Timed timed) throws Exception {
        timed.nanos();
        long[] times = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
            times[i] = timed.nanos();
        }
        Arrays.sort(times);
        return times[repetitions / 2];
    }

    private void row(String what, double nanos) {
        double perItem = nanos / items;
        rows.add(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |", what, rate(items / (nanos / 1e9)), perItem,
                baseline == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", perItem / (baseline / items))));
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f M", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
