package io.pybridge.internal.convert;

import io.pybridge.Python;
import io.pybridge.internal.capi.InPlaceScalars;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonCode;
import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ints, floats, bools, strs and None read without the GIL ({@link GilFreeReads}) give what the conversion
 * under the GIL gives, values and refusals alike, on every interpreter; they really take no GIL; and a
 * close of the object or of the interpreter meanwhile frees nothing under them.
 */
class GilFreeReadsTest {
    private static final Class<?>[] TARGETS = {Long.class, long.class, Integer.class, int.class, Short.class,
            short.class, Byte.class, byte.class, Double.class, double.class, Float.class, float.class, Boolean.class,
            boolean.class, String.class, Object.class};

    @BeforeAll
    static void start() {
        Python.start();
        GilScope.call(ctx -> {
            PythonCode.exec(ctx, """
                    class StrSub(str):
                        pass
                    class IntSub(int):
                        pass
                    class FloatSub(float):
                        pass
                    """);
            return null;
        });
    }

    private static PyRef eval(String expression) {
        return GilScope.call(ctx -> PyRef.adopt(ctx, PythonCode.eval(ctx, expression)));
    }

    /** A value, or the exception's class and message: what a conversion gave. */
    private static String outcome(Supplier<Object> conversion) {
        try {
            Object value = conversion.get();
            return value == null ? "null"
                    : value.getClass().getSimpleName() + " " + java.util.Arrays.deepToString(new Object[] {value});
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void readsWithoutTheGilGiveWhatTheConversionUnderItGives() {
        String[] expressions = {"0", "1", "-1", "255", "-5", "2**30 - 1", "2**30", "-(2**30)", "2**31 - 1", "2**31",
                "-(2**31)", "-(2**31) - 1", "2**60 - 1", "-(2**60 - 1)", "2**60", "-(2**60)", "2**63 - 1", "-(2**63)",
                "2**63", "-(2**64)", "-(2**63) + 1", "2**62 + 3**20", "-(2**61) - 5**20", "2**89", "-(2**89)", "2**93",
                "127", "128", "-128", "-129", "32767", "32768", "-32768", "-32769", "2**24 + 1",
                "2**53 + 2**29 + 1", "-(2**59 + 2**35 + 1)", "0.0", "-0.0", "1.5", "-2.25e-300", "1e308", "5e-324", "float('nan')",
                "float('inf')", "float('-inf')", "3.4028235e38", "3.4028235677973366e38", "-3.5e38", "1e-46",
                "0.1", "True", "False", "None", "''", "'ascii'", "'caf\\xe9'",
                "'\\u0436\\u4e2d'", "'\\U0001f600x'", "'a\\x00b'", "'\\ud800 lone'", "'x' * 10000", "StrSub('sub')",
                "IntSub(5)", "FloatSub(2.5)", "b'bytes'", "[1]", "1j"};
        List<String> differences = new ArrayList<>();
        for (String expression : expressions) {
            try (PyRef object = eval(expression)) {
                for (Class<?> target : TARGETS) {
                    String underGil = outcome(() -> GilScope.call(ctx -> PythonToJava.convert(ctx, object.pointer(), target)));
                    String withoutGil = outcome(() -> object.as(target));
                    if (!underGil.equals(withoutGil)) {
                        differences.add(expression + " as " + target.getName() + ": " + withoutGil + ", under the GIL "
                                + underGil);
                    }
                }
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(InPlaceScalars.ready(), "every layout the reads need is known on every supported interpreter");
    }

    @Test
    void aReadTakesNoGil() throws Exception {
        try (PyRef number = eval("2**40 + 3"); PyRef text = eval("'caf\\xe9 \\u4e2d'"); PyRef real = eval("0.25");
             PyRef small = eval("-7"); PyRef large = eval("2**62 + 5"); PyRef lowest = eval("-(2**63) + 1")) {
            number.as(Long.class); // prepares the layouts, under the GIL
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> GilScope.call(ctx -> {
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            ExecutorService platform = Executors.newSingleThreadExecutor();
            ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
            try {
                assertTrue(holding.await(10, TimeUnit.SECONDS));
                for (ExecutorService reader : List.of(platform, virtual)) {
                    Future<List<Object>> read = reader.submit(() -> List.of(number.as(Long.class),
                            number.as(Object.class), text.as(String.class), real.as(double.class), number.as(Double.class),
                            real.as(float.class), number.as(Float.class), small.as(Short.class), small.as(byte.class),
                            large.as(long.class), lowest.as(Long.class)));
                    assertEquals(List.of((1L << 40) + 3, (1L << 40) + 3, "caf\u00e9 \u4e2d", 0.25,
                            (double) ((1L << 40) + 3), 0.25f, (float) ((1L << 40) + 3), (short) -7, (byte) -7,
                            (1L << 62) + 5, Long.MIN_VALUE + 1),
                            read.get(10, TimeUnit.SECONDS),
                            "read while another thread holds the GIL, by " + (reader == virtual ? "a virtual" : "a platform")
                                    + " thread");
                }
            } finally {
                release.countDown();
                holder.join();
                platform.shutdown();
                virtual.shutdown();
            }
        }
    }

    @Test
    void closingTheObjectWhileOthersReadItFreesNothingUnderThem() throws Exception {
        for (int round = 0; round < 20; round++) {
            PyRef number = eval("12345678901 + " + round);
            PyRef text = eval("'text of round %d \\u4e2d'".formatted(round));
            long expected = 12345678901L + round;
            number.as(Long.class);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> wrong = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int round0 = round;
                readers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            Object value = number.as(Long.class);
                            Object words = text.as(String.class);
                            if (!Objects.equals(value, expected) || !("text of round " + round0 + " \u4e2d").equals(words)) {
                                wrong.compareAndSet(null, value + " / " + words);
                            }
                            reads.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            if (!closed.getMessage().contains("closed")) {
                                wrong.compareAndSet(null, closed.toString());
                            }
                        }
                    }
                }));
            }
            while (reads.get() < 200) {
                Thread.onSpinWait();
            }
            number.close();
            text.close();
            GilScope.call(ctx -> PythonCode.eval(ctx, "[object() for _ in range(1000)]")); // reuses freed memory
            stop.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
            assertNull(wrong.get(), "round " + round);
        }
    }

    @Test
    void closingPythonWhileThreadsReadLeavesTheJvmStanding() {
        ChildJvm.of(ReadersDuringClose.class).name("GIL-free reads while Python closes").run().assertSucceeded();
    }

    /** Platform and virtual threads read ints and strs without the GIL in a loop while the main thread closes Python. */
    public static final class ReadersDuringClose {
        public static void main(String[] args) throws Exception {
            Python python = Python.start();
            io.pybridge.PyObject number = python.withGil(py -> py.eval("2**50 + 1"));
            io.pybridge.PyObject text = python.withGil(py -> py.eval("'\\u4e2d' * 100"));
            number.as(Long.class);
            AtomicLong reads = new AtomicLong();
            AtomicReference<Throwable> wrong = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread.Builder builder = t % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
                readers.add(builder.start(() -> {
                    while (true) {
                        try {
                            if (number.as(Long.class) != (1L << 50) + 1 || text.as(String.class).length() != 100) {
                                wrong.compareAndSet(null, new AssertionError("a wrong value"));
                            }
                            reads.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            return;
                        } catch (Throwable e) {
                            wrong.compareAndSet(null, e);
                            return;
                        }
                    }
                }));
            }
            while (reads.get() < 1000) {
                Thread.onSpinWait();
            }
            python.close();
            for (Thread reader : readers) {
                reader.join();
            }
            if (wrong.get() != null) {
                throw new AssertionError("a reader failed", wrong.get());
            }
            System.out.println("reads: " + reads.get());
        }
    }
}
