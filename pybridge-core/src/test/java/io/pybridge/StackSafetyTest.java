package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Work that needs a deep native stack, from every kind of thread: standalone Python gives a result or
 * raises RecursionError, and so must the bridge; an overflow would kill the JVM. Each case runs in a
 * child JVM with the JVM's default 1 MiB stacks (no -Xss), so a crash fails the case by name.
 */
class StackSafetyTest {

    /** The kinds of thread a caller may use. */
    enum Caller {
        MAIN, SMALL_PLATFORM, BIG_PLATFORM, VIRTUAL, SUBMIT;

        <T> T run(Python python, GilBody<T> body) throws Exception {
            return switch (this) {
                case MAIN -> python.withGil(body);
                case SMALL_PLATFORM -> onThread(python, body, 256 << 10);
                case BIG_PLATFORM -> onThread(python, body, 8 << 20);
                case VIRTUAL -> {
                    AtomicReference<T> result = new AtomicReference<>();
                    AtomicReference<Throwable> failure = new AtomicReference<>();
                    Thread.ofVirtual().start(() -> capture(python, body, result, failure)).join();
                    yield unwrap(result, failure);
                }
                case SUBMIT -> python.submit(body).get();
            };
        }

        private static <T> T onThread(Python python, GilBody<T> body, long stack) throws Exception {
            AtomicReference<T> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(null, () -> capture(python, body, result, failure), "caller", stack);
            thread.start();
            thread.join();
            return unwrap(result, failure);
        }

        private static <T> void capture(Python python, GilBody<T> body, AtomicReference<T> result,
                                        AtomicReference<Throwable> failure) {
            try {
                result.set(python.withGil(body));
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        private static <T> T unwrap(AtomicReference<T> result, AtomicReference<Throwable> failure) throws Exception {
            Throwable t = failure.get();
            if (t instanceof Exception e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return result.get();
        }
    }

    enum Case {
        /** LAPACK through OpenBLAS puts large buffers on the calling thread's stack. */
        NUMPY_INVERSE,
        /** The C JSON encoder recurses per level: standalone raises RecursionError (3.14 may finish on a big stack). */
        DEEP_JSON,
        /** Pure Python recursion past the limit. */
        DEEP_PYTHON,
        /** Python calls Java calls Python ... until the stack would run out: RecursionError, not a crash. */
        RECURSION_THROUGH_JAVA,
        /** The same recursion, a few hundred levels deep, gives the right answer. */
        MODERATE_RECURSION_THROUGH_JAVA,
        /** A Java callable that overflows its own Java stack: RecursionError in Python. */
        JAVA_STACK_OVERFLOW_IN_CALLBACK
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void everyCallerSurvives(Case scenario) {
        ChildJvm.of(Work.class).name(scenario.name()).args(scenario.name())
                .timeout(Duration.ofSeconds(180)).run().assertSucceeded();
    }

    public static final class Work {
        public static void main(String[] args) throws Exception {
            Case scenario = Case.valueOf(args[0]);
            Python python = Python.start();
            boolean numpy = python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('numpy') is not None")
                    .as(Boolean.class));
            for (Caller caller : Caller.values()) {
                System.out.println("case " + scenario + " from " + caller);
                String outcome = switch (scenario) {
                    case NUMPY_INVERSE -> numpy ? caller.run(python, py -> {
                        py.exec("import numpy\n_inverse = numpy.linalg.inv(numpy.eye(200) * 2.0)");
                        return py.eval("float(_inverse.trace())").as(Double.class) == 100.0 ? "ok" : "wrong inverse";
                    }) : "ok";
                    case DEEP_JSON -> caller.run(python, py -> raisesRecursionErrorOrFits(py, """
                            import json
                            nested = []
                            for _ in range(100_000):
                                nested = [nested]
                            _dumped = len(json.dumps(nested))
                            """, 200_002));
                    case DEEP_PYTHON -> caller.run(python, py -> raisesRecursionError(py, """
                            def down(n):
                                return down(n + 1)
                            down(0)
                            """));
                    case RECURSION_THROUGH_JAVA -> caller.run(python, py -> recurseThroughJava(py, 1_000_000));
                    case MODERATE_RECURSION_THROUGH_JAVA -> caller.run(python, py -> recurseThroughJava(py, 300));
                    case JAVA_STACK_OVERFLOW_IN_CALLBACK -> caller.run(python, py -> {
                        Function<Object, Object> overflow = x -> deepJava(0);
                        py.exec("""
                                def call_and_catch(f):
                                    try:
                                        f(1)
                                    except RecursionError as e:
                                        return 'RecursionError: ' + str(e)
                                """);
                        String caught = py.eval("call_and_catch").call(overflow).as(String.class);
                        return caught.startsWith("RecursionError") ? "ok" : "wrong: " + caught;
                    });
                };
                if (!outcome.equals("ok")) {
                    throw new AssertionError(scenario + " from " + caller + ": " + outcome);
                }
            }
            python.close();
            System.out.println("all callers survived");
        }

        private static String raisesRecursionError(Py py, String code) {
            try {
                py.exec(code);
                return "no RecursionError";
            } catch (PythonExecutionException e) {
                return e.pythonType().equals("RecursionError") ? "ok" : "raised " + e.pythonType() + ": " + e.getMessage();
            }
        }

        /**
         * Standalone Python on an 8 MiB stack raises RecursionError; 3.14 measures the real stack, so on the
         * bridge's 16 MiB threads the work may also complete, and then {@code _dumped} must be right.
         */
        private static String raisesRecursionErrorOrFits(Py py, String code, long expected) {
            String outcome = raisesRecursionError(py, code);
            if (outcome.equals("no RecursionError")) {
                long dumped = py.eval("_dumped").as(Long.class);
                return dumped == expected ? "ok" : "completed with " + dumped + " characters instead of " + expected;
            }
            return outcome;
        }

        /**
         * {@code depth} levels of Python → Java → Python. Deep enough levels must end in RecursionError
         * (Python's own limit or the bridge's stack guard); shallow ones must return the count.
         */
        private static String recurseThroughJava(Py py, int depth) {
            py.exec("""
                    def descend(java_step, n):
                        return 0 if n == 0 else 1 + java_step(n - 1)
                    """);
            PyObject descend = py.eval("descend");
            AtomicReference<Function<Object, Object>> step = new AtomicReference<>();
            step.set(n -> descend.call(step.get(), n).as(Long.class));
            try {
                long levels = descend.call(step.get(), depth).as(Long.class);
                return levels == depth ? "ok" : "returned " + levels + " instead of " + depth;
            } catch (PythonExecutionException e) {
                if (depth < 1000) {
                    return "raised " + e.pythonType() + " at depth " + depth + ": " + e.getMessage();
                }
                return e.pythonType().equals("RecursionError") ? "ok" : "raised " + e.pythonType() + ": " + e.getMessage();
            }
        }

        private static int deepJava(int n) {
            return deepJava(n + 1) + 1;
        }
    }
}
