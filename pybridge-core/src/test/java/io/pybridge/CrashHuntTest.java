package io.pybridge;

import io.pybridge.numpy.NDArray;
import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A crash hunt: each scenario hammers one way the JVM could die (or a result could silently go wrong)
 * from many threads of every kind for a bounded time, in a child JVM of its own, and checks every
 * result. A child that crashes or hangs fails the scenario by name. {@code -Dpybridge.crashhunt.seconds}
 * sets the length of each scenario (default 4; a soak runs longer), {@code -Dpybridge.crashhunt.seed}
 * replays a run; each child prints its figures on lines starting with {@code hunt:}.
 */
@Tag("stress")
class CrashHuntTest {
    private static final int SECONDS = Integer.getInteger("pybridge.crashhunt.seconds", 4);
    private static final long SEED = Long.getLong("pybridge.crashhunt.seed", System.nanoTime());

    enum Scenario {
        /** close() from other threads while conversions and calls run Python code that lets the GIL go. */
        CLOSE_DURING_CONVERSIONS,
        /** withGil, allowThreads, submit and thread hops nested at random on every kind of thread. */
        NESTED_GIL_SCOPES,
        /** Python → Java → Python recursion, shallow and far too deep, on every kind of thread at once. */
        RECURSION_ON_EVERY_THREAD,
        /** Hundreds of megabytes each way, arrays past Integer.MAX_VALUE, Python's MemoryError. */
        LARGE_ALLOCATIONS,
        /** All of the above at once, with faulthandler enabled, a non-C locale and Java null checks firing. */
        EVERYTHING_AT_ONCE
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void survives(Scenario scenario) {
        ChildJvm.Spec child = ChildJvm.of(Hunt.class).name(scenario + " (seed " + SEED + ")")
                .args(scenario.name(), Integer.toString(SECONDS), Long.toString(SEED))
                .timeout(Duration.ofSeconds(120L + 4L * SECONDS));
        if (scenario == Scenario.EVERYTHING_AT_ONCE) {
            child.env("PYTHONFAULTHANDLER", "1").env("LC_ALL", nonCLocale()).env("LANG", nonCLocale());
        }
        ChildJvm.Result result = child.run().assertSucceeded();
        result.output().lines().filter(line -> line.startsWith("hunt:")).forEach(System.out::println);
    }

    /** A locale other than C that this machine has: German where installed (CI installs it), else C.UTF-8. */
    private static String nonCLocale() {
        try {
            Process list = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
            String all = new String(list.getInputStream().readAllBytes());
            list.waitFor(10, TimeUnit.SECONDS);
            return all.lines().anyMatch(l -> l.equalsIgnoreCase("de_DE.utf8")) ? "de_DE.UTF-8" : "C.UTF-8";
        } catch (IOException e) {
            return "C.UTF-8";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "C.UTF-8";
        }
    }

    /** The kinds of thread work comes from. */
    private enum Kind { BIG_PLATFORM, SMALL_PLATFORM, VIRTUAL }

    /** One scenario in a child JVM. */
    public static final class Hunt {
        private final Python python;
        private final long deadline;
        private final long seed;
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final PyObject fixtures;

        private Hunt(Python python, int seconds, long seed) {
            this.python = python;
            this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            this.seed = seed;
            this.fixtures = python.withGil(py -> py.importModule("crash_fixtures"));
        }

        public static void main(String[] args) throws Exception {
            Scenario scenario = Scenario.valueOf(args[0]);
            long started = System.nanoTime();
            Hunt hunt = new Hunt(Fixtures.python(), Integer.parseInt(args[1]), Long.parseLong(args[2]));
            switch (scenario) {
                case CLOSE_DURING_CONVERSIONS -> hunt.closeDuringConversions(true);
                case NESTED_GIL_SCOPES -> hunt.workers("nested", 6, hunt::nestedScopes);
                case RECURSION_ON_EVERY_THREAD -> {
                    hunt.call("allow_deep_recursion", 100_000);
                    hunt.workers("recursion", 6, random -> hunt.recursion(random, 3_000));
                }
                case LARGE_ALLOCATIONS -> hunt.largeAllocations();
                case EVERYTHING_AT_ONCE -> hunt.everythingAtOnce();
            }
            hunt.report(scenario, started);
        }

        // ---- close() against conversions -------------------------------------------------------------

        private record Slot(PyObject object, long n) {
        }

        public record Pair(String first, String second) {
        }

        /**
         * Workers convert and call shared objects whose Python hooks let the GIL go, while closers close
         * them and put new ones in their place. Every result must be exact or "this PyObject was closed";
         * at the end every Python object made must have been finalized exactly once.
         */
        private void closeDuringConversions(boolean checkFinalization) throws Exception {
            long finalizedBefore = call("finalized").as(Long.class);
            AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(16);
            AtomicLong made = new AtomicLong();
            for (int i = 0; i < slots.length(); i++) {
                slots.set(i, newSlot(ThreadLocalRandom.current().nextLong(1_000_000), made));
            }
            List<Thread> threads = new ArrayList<>();
            threads.addAll(start("convert", 6, random -> convertOne(slots.get(random.nextInt(slots.length())), random)));
            threads.addAll(start("close", 2, random -> {
                Slot fresh = newSlot(random.nextLong(1_000_000), made);
                slots.getAndSet(random.nextInt(slots.length()), fresh).object().close();
                count("closes");
                LockSupport.parkNanos(200_000);
            }));
            join(threads);
            for (int i = 0; i < slots.length(); i++) {
                slots.get(i).object().close();
            }
            if (checkFinalization) {
                long expected = finalizedBefore + made.get();
                long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long finalized;
                while ((finalized = python.withGil(py -> {
                    py.exec("import gc; gc.collect()");
                    return call("finalized").as(Long.class);
                })) < expected && System.nanoTime() < deadlineNanos) {
                    Thread.sleep(10);
                }
                if (finalized != expected) {
                    fail(made.get() + " objects made and closed, " + (finalized - finalizedBefore) + " finalized");
                }
            }
        }

        private Slot newSlot(long n, AtomicLong made) {
            Slot slot = new Slot(call("make", n), n);
            made.incrementAndGet();
            return slot;
        }

        private void convertOne(Slot slot, Random random) {
            long n = slot.n();
            PyObject object = slot.object();
            int op = random.nextInt(8);
            String name = switch (op) {
                case 0 -> "as(double)";
                case 1 -> "as(long)";
                case 2 -> "as(List)";
                case 3 -> "as(record)";
                case 4 -> "len";
                case 5 -> "repr";
                case 6 -> "call";
                default -> "getAttr";
            };
            try {
                Object got;
                Object expected;
                switch (op) {
                    case 0 -> { got = object.as(double.class); expected = n + 0.5; }
                    case 1 -> { got = object.as(long.class); expected = n; }
                    case 2 -> { got = object.as(List.class); expected = List.of(n, n + 1, n + 2); }
                    case 3 -> { got = object.as(Pair.class); expected = new Pair(Long.toString(n), Long.toString(n + 1)); }
                    case 4 -> { got = object.len(); expected = 3L; }
                    case 5 -> { got = object.repr(); expected = "Slippery(" + n + ")"; }
                    case 6 -> {
                        try (PyObject sum = object.call(1)) {
                            got = sum.as(long.class);
                        }
                        expected = n + 1;
                    }
                    default -> {
                        try (PyObject first = object.getAttr("first")) {
                            got = first.as(String.class);
                        }
                        expected = Long.toString(n);
                    }
                }
                check(expected.equals(got), name + " of Slippery(" + n + ") gave " + got);
                count(name);
            } catch (IllegalStateException e) {
                check(e.getMessage().contains("closed"), name + ": " + e);
                count("closed under " + name);
            }
        }

        // ---- nested GIL scopes ---------------------------------------------------------------------------

        private void nestedScopes(Random random) {
            level(random, 4, null, true);
        }

        /**
         * One level of a random nesting. {@code py} is the token when the thread holds the GIL here.
         * Every level checks a Python computation; a submitted call nests at most once, since a bounded
         * executor whose calls wait for each other can starve (as with any thread pool).
         */
        private void level(Random random, int depth, Py py, boolean maySubmit) {
            long a = random.nextInt(1000);
            long b = random.nextInt(1000);
            if (py != null) {
                check(py.eval(a + " * " + b).as(Long.class) == a * b, "eval at depth " + depth);
            }
            if (depth == 0) {
                return;
            }
            int choice = random.nextInt(py == null ? 4 : 3);
            if (py == null) {
                switch (choice) {
                    case 0 -> python.withGil(inner -> {
                        level(random, depth - 1, inner, maySubmit);
                        return null;
                    });
                    case 1 -> onNewThread(Kind.VIRTUAL, () -> level(new Random(random.nextLong()), depth - 1, null, maySubmit));
                    case 2 -> onNewThread(Kind.SMALL_PLATFORM, () -> level(new Random(random.nextLong()), depth - 1, null, maySubmit));
                    default -> submitOrNest(random, depth, maySubmit);
                }
                count("scope " + choice + " without GIL");
                return;
            }
            switch (choice) {
                case 0 -> python.withGil(inner -> {
                    check(inner == py, "nested withGil hands out the same token");
                    level(random, depth - 1, inner, maySubmit);
                    return null;
                });
                case 1 -> py.allowThreads(() -> {
                    level(random, depth - 1, null, maySubmit);
                    return null;
                });
                default -> submitOrNest(random, depth, maySubmit);
            }
            count("scope " + choice + " holding GIL");
        }

        private void submitOrNest(Random random, int depth, boolean maySubmit) {
            if (!maySubmit) {
                python.withGil(inner -> {
                    level(random, depth - 1, inner, false);
                    return null;
                });
                return;
            }
            Random child = new Random(random.nextLong());
            python.submit(inner -> {
                level(child, depth - 1, inner, false);
                return null;
            }).join();
        }

        // ---- recursion through Java ------------------------------------------------------------------------

        /**
         * {@code depth} levels of Python → Java → Python; shallow ones (up to 200 levels) must return
         * the count, deeper ones the count or a RecursionError.
         */
        private void recursion(Random random, int maxDepth) {
            int depth = random.nextInt(4) == 0 ? 1 + random.nextInt(maxDepth) : 1 + random.nextInt(200);
            PyObject descend = fixtures.getAttr("descend");
            AtomicReference<Function<Object, Object>> step = new AtomicReference<>();
            step.set(n -> {
                try (PyObject r = descend.call(step.get(), n)) {
                    return r.as(Long.class);
                }
            });
            try (descend; PyObject levels = descend.call(step.get(), depth)) {
                check(levels.as(Long.class) == depth, "recursion of " + depth + " gave " + levels);
                count(depth > 200 ? "deep recursion completed" : "recursion completed");
            } catch (PythonExecutionException e) {
                check(depth > 200 && e.pythonType().equals("RecursionError"),
                        "recursion of " + depth + " raised " + e.pythonType() + ": " + e.getMessage());
                count("RecursionError");
            }
        }

        // ---- large allocations -------------------------------------------------------------------------------

        private void largeAllocations() throws Exception {
            int size = 256 << 20;
            byte[] big = new byte[size];
            new Random(seed).nextBytes(big);
            List<?> digest = call("checksum", (Object) big).as(List.class);
            check(digest.equals(javaChecksum(big)), "256 MiB byte[] into Python: " + digest);
            count("256 MiB to Python");
            big = null;

            byte[] back = python.withGil(py -> {
                py.exec("import os\n_big = os.urandom(" + size + ")");
                try (PyObject bytes = py.eval("_big")) {
                    byte[] copy = bytes.as(byte[].class);
                    List<?> pythonDigest = call("checksum", bytes).as(List.class);
                    check(pythonDigest.equals(javaChecksum(copy)), "256 MiB bytes from Python");
                    py.exec("del _big");
                    return copy;
                }
            });
            check(back.length == size, "length of the bytes from Python");
            count("256 MiB from Python");

            PythonExecutionException memory = expect(PythonExecutionException.class,
                    () -> python.withGil(py -> py.eval("bytearray(1 << 62)")));
            check(memory.pythonType().equals("MemoryError") || memory.pythonType().equals("OverflowError"),
                    "a huge allocation raised " + memory.pythonType());
            count("MemoryError");

            boolean numpy = python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('numpy') is not None")
                    .as(Boolean.class));
            if (numpy) {
                long elements = (1L << 31) + 16;
                python.withGil(py -> {
                    py.exec("import numpy\n_huge = numpy.zeros(" + elements + ", numpy.uint8)\n_huge[-1] = 7");
                    try (PyObject huge = py.eval("_huge")) {
                        RuntimeException tooBig = expect(RuntimeException.class, () -> huge.as(byte[].class));
                        check(tooBig instanceof PythonConversionException || tooBig instanceof IllegalArgumentException,
                                "an array past Integer.MAX_VALUE refused with " + tooBig);
                        check(tooBig.getMessage().contains(Long.toString(elements)),
                                "the refusal names the size: " + tooBig.getMessage());
                        try (NDArray view = huge.as(NDArray.class)) {
                            MemorySegment data = view.segment();
                            check(data.byteSize() == elements, "view size " + data.byteSize());
                            check(data.get(ValueLayout.JAVA_BYTE, elements - 1) == 7, "last byte through the view");
                        }
                    }
                    py.exec("del _huge");
                    return null;
                });
                count("2 GiB numpy array");
            }
            closeDuringConversions(true);
        }

        private static List<Long> javaChecksum(byte[] data) {
            int step = Math.max(1, data.length / 4096);
            long sum = 0;
            for (int i = 0; i < data.length; i += step) {
                sum += data[i] & 0xff;
            }
            return List.of((long) data.length, sum);
        }

        // ---- everything at once ------------------------------------------------------------------------------

        private void everythingAtOnce() throws Exception {
            python.withGil(py -> {
                py.exec("import faulthandler; faulthandler.enable()");
                check(py.eval("faulthandler.is_enabled()").as(Boolean.class), "faulthandler reports itself enabled");
                py.exec("import locale");
                String numeric = py.eval("locale.setlocale(locale.LC_NUMERIC)").as(String.class);
                check(numeric.equals("C"), "LC_NUMERIC is " + numeric + " where standalone Python has C");
                return null;
            });
            call("allow_deep_recursion", 100_000);
            List<Thread> threads = new ArrayList<>();
            threads.addAll(start("nested", 2, this::nestedScopes));
            threads.addAll(start("recursion", 2, random -> recursion(random, 2_000)));
            threads.addAll(start("numbers", 2, random -> python.withGil(py -> {
                double x = random.nextInt(1000) + 0.25;
                check(py.eval("float('" + x + "') * 2").as(double.class) == x * 2, "float parsing");
                check(py.eval("'%.2f' % " + x).as(String.class).equals(String.format(java.util.Locale.ROOT, "%.2f", x)),
                        "float formatting");
                return null;
            })));
            threads.addAll(start("java null checks", 2, random -> javaTraps(random)));
            Thread conversions = Thread.ofPlatform().stackSize(8 << 20).start(() -> {
                try {
                    closeDuringConversions(false);
                } catch (Exception e) {
                    fail("conversions: " + e);
                }
            });
            join(threads);
            conversions.join();
        }

        /** Java code the JIT compiles with implicit null checks and stack banging, failing on purpose. */
        private void javaTraps(Random random) {
            Object nothing = random.nextInt(1 << 20) >= 0 ? null : "x";
            int caught = 0;
            for (int i = 0; i < 10_000; i++) {
                try {
                    caught += nothing.hashCode();
                } catch (NullPointerException expected) {
                    caught++;
                }
            }
            check(caught == 10_000, "null checks");
            try {
                deep(0);
            } catch (StackOverflowError expected) {
                count("Java StackOverflowError");
            }
            count("10k Java NullPointerExceptions");
        }

        private static int deep(int n) {
            return deep(n + 1) + 1;
        }

        // ---- machinery -----------------------------------------------------------------------------------------

        private PyObject call(String function, Object... args) {
            return python.withGil(py -> {
                try (PyObject f = fixtures.getAttr(function)) {
                    return f.call(args);
                }
            });
        }

        /** Runs {@code work} repeatedly on {@code perKind} threads of each kind until the deadline. */
        private void workers(String name, int perKind, java.util.function.Consumer<Random> work) throws InterruptedException {
            join(start(name, perKind, work));
        }

        private List<Thread> start(String name, int perKind, java.util.function.Consumer<Random> work) {
            List<Thread> threads = new ArrayList<>();
            Random seeds = new Random(seed ^ name.hashCode());
            for (Kind kind : Kind.values()) {
                for (int i = 0; i < perKind; i++) {
                    Random random = new Random(seeds.nextLong());
                    Runnable loop = () -> {
                        while (System.nanoTime() < deadline && failures.size() < 10) {
                            try {
                                work.accept(random);
                            } catch (Throwable t) {
                                fail(name + " on " + kind + ": " + describe(t));
                            }
                        }
                    };
                    threads.add(newThread(kind, name + "-" + kind + "-" + i, loop));
                }
            }
            threads.forEach(Thread::start);
            return threads;
        }

        private static Thread newThread(Kind kind, String name, Runnable task) {
            return switch (kind) {
                case BIG_PLATFORM -> Thread.ofPlatform().name(name).stackSize(8 << 20).unstarted(task);
                case SMALL_PLATFORM -> Thread.ofPlatform().name(name).stackSize(256 << 10).unstarted(task);
                case VIRTUAL -> Thread.ofVirtual().name(name).unstarted(task);
            };
        }

        private void onNewThread(Kind kind, Runnable task) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = newThread(kind, "hop-" + kind, () -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("on a new " + kind + " thread: " + describe(failure.get()), failure.get());
            }
        }

        private static void join(List<Thread> threads) throws InterruptedException {
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void count(String what) {
            counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
        }

        private void check(boolean condition, String what) {
            if (!condition) {
                throw new AssertionError(what);
            }
        }

        private void fail(String what) {
            failures.add(what);
        }

        private static <E extends Throwable> E expect(Class<E> type, Runnable action) {
            try {
                action.run();
            } catch (Throwable t) {
                if (type.isInstance(t)) {
                    return type.cast(t);
                }
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + describe(t), t);
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", nothing was thrown");
        }

        private static String describe(Throwable t) {
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }

        private void report(Scenario scenario, long started) {
            long total = counts.values().stream().mapToLong(AtomicLong::get).sum();
            System.out.printf(java.util.Locale.ROOT, "hunt: %s on Python %s, seed %d: %,d checked operations in %.1f s%n", scenario,
                    python.runtime().version(), seed, total, (System.nanoTime() - started) / 1e9);
            counts.forEach((what, n) -> System.out.printf(java.util.Locale.ROOT, "hunt:   %-40s %,d%n", what, n.get()));
            if (!failures.isEmpty()) {
                failures.forEach(f -> System.out.println("FAILED: " + f));
                System.exit(1);
            }
            python.close();
        }
    }
}
