package io.pybridge.benchmarks.arrow;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.arrow.ArrowBridge;
import io.pybridge.arrow.PythonForm;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A record batch of float64, int64 and string columns (10M rows by default) from Java to numpy and back,
 * against copying the same bytes with {@code MemorySegment.copy} (Java's memcpy) in the same run.
 * Prints a Markdown section for BENCHMARKS.md. Run by {@code benchmarks/arrow-transfer.sh}.
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
 *     -cp benchmarks/target/benchmarks.jar io.pybridge.benchmarks.arrow.ArrowTransfer [ROWS] [REPETITIONS]</pre>
 */
public final class ArrowTransfer {
    private final Python python;
    private final ArrowBridge arrow;
    private final PyObject bench;
    private final int repetitions;
    private static final int SMALL_BATCH = 4096;
    private final List<String> lines = new ArrayList<>();

    private ArrowTransfer(Python python, ArrowBridge arrow, PyObject bench, int repetitions) {
        this.python = python;
        this.arrow = arrow;
        this.bench = bench;
        this.repetitions = repetitions;
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Python python = Python.start();
        String modulePath = System.getProperty("pybridge.bench.modulePath", "benchmarks/python");
        if (Files.isDirectory(Path.of(modulePath))) {
            python.addModulePath(Path.of(modulePath));
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowBridge arrow = ArrowBridge.of(python, allocator);
            PyObject bench = python.withGil(py -> py.importModule("arrow_bench"));
            new ArrowTransfer(python, arrow, bench, repetitions).run(allocator, rows);
        }
        python.close();
    }

    private void run(BufferAllocator allocator, int rows) {
        long start = System.nanoTime();
        try (VectorSchemaRoot root = batch(allocator, rows)) {
            System.err.printf(Locale.ROOT, "built %,d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
            List<ArrowBuf> buffers = dataBuffers(root);
            long bytes = buffers.stream().mapToLong(ArrowBuf::readableBytes).sum();
            double memcpy = median(() -> copyAll(buffers, bytes));
            row("memcpy of the same bytes (`MemorySegment.copy`, Java)", bytes, memcpy, memcpy);

            double toNumpy = median(() -> {
                long t = System.nanoTime();
                try (PyObject batch = arrow.toPython(root, PythonForm.NUMPY); PyObject seen = bench.callMethod("take_views", batch)) {
                    long elapsed = System.nanoTime() - t;
                    check(seen.as(Long.class) == bytes, "Python saw " + seen + " bytes, Java has " + bytes);
                    return elapsed;
                }
            });
            row("Java → numpy: `toPython` + a numpy array per column (strings: offsets and bytes)", bytes, toNumpy, memcpy);

            try (PyObject batch = arrow.toPython(root, PythonForm.NUMPY)) {
                double back = median(() -> {
                    long t = System.nanoTime();
                    try (PyObject same = bench.callMethod("same_columns", batch); VectorSchemaRoot imported = arrow.toJava(same)) {
                        long elapsed = System.nanoTime() - t;
                        check(imported.getVector("f").getDataBuffer().memoryAddress() == root.getVector("f").getDataBuffer().memoryAddress(),
                                "the float64 column was copied");
                        return elapsed;
                    }
                });
                row("numpy → Java: those columns back, `toJava` (same buffers)", bytes, back, memcpy);
            }

            double roundTrip = median(() -> {
                long t = System.nanoTime();
                try (PyObject batch = arrow.toPython(root, PythonForm.NUMPY);
                     PyObject seen = bench.callMethod("take_views", batch);
                     PyObject same = bench.callMethod("same_columns", batch);
                     VectorSchemaRoot imported = arrow.toJava(same)) {
                    check(imported.getRowCount() == rows, "rows lost");
                    return System.nanoTime() - t;
                }
            });
            row("round trip: Java → numpy → Java, releases included", bytes, roundTrip, memcpy);

            long numberBytes = python.withGil(py -> {
                try (PyObject made = bench.callMethod("make_numbers", rows)) {
                    return made.as(Long.class);
                }
            });
            double numbers = median(() -> {
                long t = System.nanoTime();
                try (PyObject results = bench.callMethod("number_results"); VectorSchemaRoot imported = arrow.toJava(results)) {
                    check(imported.getRowCount() == rows, "rows lost");
                    return System.nanoTime() - t;
                }
            });
            double numbersCopy = median(() -> copyAll(buffers.subList(0, 2), numberBytes));
            row("new numpy float64 + int64 columns → Java, `toJava`", numberBytes, numbers, numbersCopy);

            long stringBytes = buffers.get(2).readableBytes() + buffers.get(3).readableBytes();
            double decode = median(() -> {
                long t = System.nanoTime();
                try (PyObject batch = arrow.toPython(root, PythonForm.NUMPY); PyObject n = bench.callMethod("decode_strings", batch)) {
                    return System.nanoTime() - t;
                }
            });
            double stringCopy = median(() -> copyAll(buffers.subList(2, 4), stringBytes));
            row("strings → numpy object array of `str` (decoding, a copy)", stringBytes, decode, stringCopy);
            python.withGil(py -> {
                bench.callMethod("make_strings", rows).close();
                return null;
            });
            double encode = median(() -> {
                long t = System.nanoTime();
                try (PyObject results = bench.callMethod("string_results"); VectorSchemaRoot imported = arrow.toJava(results)) {
                    return System.nanoTime() - t;
                }
            });
            row("numpy object array of `str` → Java (encoding, a copy)", stringBytes, encode, stringCopy);
            python.withGil(py -> {
                bench.callMethod("forget").close();
                return null;
            });
        }
        try (VectorSchemaRoot small = batch(allocator, SMALL_BATCH)) {
            double smallTrip = median(() -> {
                long t = System.nanoTime();
                try (PyObject batch = arrow.toPython(small, PythonForm.NUMPY);
                     PyObject seen = bench.callMethod("take_views", batch);
                     PyObject same = bench.callMethod("same_columns", batch);
                     VectorSchemaRoot imported = arrow.toJava(same)) {
                    return System.nanoTime() - t;
                }
            });
            List<ArrowBuf> buffers = dataBuffers(small);
            long bytes = buffers.stream().mapToLong(ArrowBuf::readableBytes).sum();
            double smallCopy = median(() -> copyAll(buffers, bytes));
            lines.add(String.format(Locale.ROOT, "| round trip of a %,d-row batch (the fixed cost per batch) | %.0f kB | %s | %.2fx |",
                    SMALL_BATCH, bytes / 1e3, time(smallTrip), smallTrip / smallCopy));
        }
        System.out.printf(Locale.ROOT, "%d rows: float64, int64 and a string column (\"r0\" ... \"r%d\"); "
                + "median of %d runs after a second of warm-up; Python %s, numpy form (no pyarrow).%n%n", rows, rows - 1,
                repetitions, python.runtime().version());
        System.out.println("| operation | bytes | median | vs memcpy of those bytes |");
        System.out.println("| --- | --- | --- | --- |");
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("No column is copied on the zero-copy lines: what remains is Arrow Java's export and import (which");
        System.out.println("count the nulls of each validity bitmap, the one part that grows with the rows) and reading the C");
        System.out.println("structs in Python. Python strings are objects, so a string column as `str` values is built (or");
        System.out.println("encoded) one string at a time; `raw_buffers` reads its offsets and UTF-8 bytes in place instead.");
    }

    private void row(String what, long bytes, double nanos, double memcpyNanos) {
        lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", what, size(bytes), time(nanos),
                nanos == memcpyNanos ? "1 (" + String.format(Locale.ROOT, "%.1f GB/s", bytes / nanos) + ")"
                        : String.format(Locale.ROOT, "%.4fx", nanos / memcpyNanos)));
    }

    private static String size(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static String time(double nanos) {
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * Median nanoseconds of {@code work} (which returns its own elapsed nanoseconds), after warming up for
     * a second (at least 2 runs, at most 300): the hand-overs are short, and the JIT compiles them only
     * after some hundreds of runs.
     */
    private double median(Supplier<Long> work) {
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        for (int run = 0; run < 300 && (run < 2 || System.nanoTime() < warmUpEnd); run++) {
            work.get();
            python.withGil(py -> null);
        }
        long[] times = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
            times[i] = work.get();
            python.withGil(py -> null);   // apply Java's pending releases, outside the timing
        }
        Arrays.sort(times);
        return times[repetitions / 2];
    }

    private static final MemorySegment TARGET = Arena.global().allocate(1L << 31, 64);

    private static long copyAll(List<ArrowBuf> buffers, long bytes) {
        check(bytes <= TARGET.byteSize(), "batch too large for the copy target");
        long t = System.nanoTime();
        long offset = 0;
        for (ArrowBuf buffer : buffers) {
            MemorySegment source = MemorySegment.ofAddress(buffer.memoryAddress()).reinterpret(buffer.readableBytes());
            MemorySegment.copy(source, 0, TARGET, offset, source.byteSize());
            offset += source.byteSize();
        }
        return System.nanoTime() - t;
    }

    /** The values of f and i, the offsets and bytes of s (validity bitmaps are absent: no nulls). */
    private static List<ArrowBuf> dataBuffers(VectorSchemaRoot root) {
        VarCharVector s = (VarCharVector) root.getVector("s");
        ArrowBuf f = root.getVector("f").getDataBuffer();
        ArrowBuf i = root.getVector("i").getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        ArrowBuf data = s.getDataBuffer();
        f.writerIndex((long) root.getRowCount() * 8);
        i.writerIndex((long) root.getRowCount() * 8);
        offsets.writerIndex((long) (root.getRowCount() + 1) * 4);
        data.writerIndex(s.getEndOffset(root.getRowCount() - 1));
        return List.of(f, i, offsets, data);
    }

    private static VectorSchemaRoot batch(BufferAllocator allocator, int rows) {
        Float8Vector f = new Float8Vector("f", allocator);
        BigIntVector i = new BigIntVector("i", allocator);
        VarCharVector s = new VarCharVector("s", allocator);
        f.allocateNew(rows);
        i.allocateNew(rows);
        s.allocateNew(rows * 9L, rows);
        for (int k = 0; k < rows; k++) {
            f.set(k, k * 0.5);
            i.set(k, k);
            s.setSafe(k, ("r" + k).getBytes(StandardCharsets.US_ASCII));
        }
        List<FieldVector> vectors = List.of(f, i, s);
        vectors.forEach(v -> v.setValueCount(rows));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }
}
