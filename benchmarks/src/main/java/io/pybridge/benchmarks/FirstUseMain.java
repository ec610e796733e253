package io.pybridge.benchmarks;

import io.pybridge.PythonException;
import io.pybridge.Python;
import io.pybridge.numpy.DType;
import io.pybridge.numpy.NDArray;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each kind of operation costs the first time a fresh JVM does it, against the second time: the
 * bridge's share of an application's first request. After {@code Python.start()} it binds
 * {@code bench_target} to {@link Target} and does each operation twice in a row, in the order the
 * reference application first meets them (numpy views of Java memory in, a string, an array and a record
 * out), then the common results and a caught exception. numpy is imported first, on its own row, so that
 * the first {@code NDArray.wrap} shows the bridge's cost, not numpy's import. Prints one tab-separated line per operation:
 * {@code name first_ms second_ms} — what {@code benchmarks/first-use.sh} reads. numpy must be importable.
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.FirstUseMain MODULE_DIR</pre>
 */
public final class FirstUseMain {
    /** {@code bench_target}'s functions, bound by their snake_case names. */
    public interface Target {
        long add(long a, long b);

        String shapeText(NDArray array);

        NDArray head(NDArray array, int count);

        Description describe(NDArray array);

        List<String> words();

        Map<String, Object> makeDict();

        long countAll(List<NDArray> arrays);

        void raiseValueError();
    }

    /** What {@code describe} returns, a dict converted to a record. */
    public record Description(String description, List<String> keywords, boolean isMeme) {
    }

    /** One operation, done twice. */
    private interface Operation {
        void run() throws Exception;
    }

    private final List<String> lines = new ArrayList<>();

    private FirstUseMain() {
    }

    public static void main(String[] args) throws Exception {
        Python python = Python.builder().modulePath(Path.of(args[0])).start();
        new FirstUseMain().run(python);
    }

    private void run(Python python) throws Exception {
        twice("import numpy (Python's own import, then its cached one)", () -> python.withGil(py -> {
            py.importModule("numpy").close();
            return null;
        }));
        Target[] bound = new Target[1];
        twice("bind (an interface of 8 methods, one record result)", () -> bound[0] = python.bind(Target.class, "bench_target"));
        Target target = bound[0];
        twice("call add(1, 2) -> long", () -> check(target.add(1, 2) == 3, "add"));
        Arena arena = Arena.ofAuto();
        twice("NDArray.wrap float32 [8000]", () -> NDArray.wrap(arena.allocate(4L * 8000, 4), DType.FLOAT32, 8000).close());
        try (NDArray samples = NDArray.wrap(arena.allocate(4L * 8000, 4), DType.FLOAT32, 8000)) {
            twice("call with an NDArray -> String", () -> check(target.shapeText(samples).equals("8000"), "shapeText"));
        }
        MemorySegment frames = arena.allocate(12L * 64 * 64 * 3, 1);
        twice("NDArray.wrap uint8 [12, 64, 64, 3]", () -> NDArray.wrap(frames, DType.UINT8, 12, 64, 64, 3).close());
        try (NDArray video = NDArray.wrap(frames, DType.UINT8, 12, 64, 64, 3)) {
            twice("call -> NDArray, closed", () -> target.head(video, 8).close());
            try (NDArray first = target.head(video, 8); NDArray second = target.head(video, 8)) {
                measure("NDArray.toFloatArray", () -> check(first.toFloatArray().length == 8, "toFloatArray"),
                        () -> check(second.toFloatArray().length == 8, "toFloatArray"));
            }
            twice("call -> record (from a dict)", () -> check(!target.describe(video).isMeme(), "describe"));
            twice("call with List<NDArray> -> long", () -> check(target.countAll(List.of(video, video)) == 2 * video.size(),
                    "countAll"));
        }
        twice("call -> List<String>", () -> check(target.words().size() == 3, "words"));
        twice("call -> Map<String, Object>", () -> check(target.makeDict().size() == 10, "makeDict"));
        twice("Python exception caught in Java", () -> {
            try {
                target.raiseValueError();
                throw new AssertionError("raise_value_error returned");
            } catch (PythonException expected) {
                // the operation measured
            }
        });
        lines.forEach(System.out::println);
    }

    private void twice(String name, Operation operation) throws Exception {
        measure(name, operation, operation);
    }

    private void measure(String name, Operation first, Operation second) throws Exception {
        long start = System.nanoTime();
        first.run();
        long middle = System.nanoTime();
        second.run();
        long end = System.nanoTime();
        lines.add(String.format("%s\t%.3f\t%.3f", name, (middle - start) / 1e6, (end - middle) / 1e6));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what + " returned something else than expected");
        }
    }
}
