package io.pybridge;

import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sub-interpreters with their own GIL. On Python 3.11 only the refusal is tested, the rest is skipped
 * with the reason printed; on 3.12+ it is the other way round.
 */
class InterpreterPoolTest {
    private static final String FIXTURES = "concurrency_fixtures";
    private final Python python = Fixtures.python();

    private void requireSupport() {
        InterpreterPool.unsupportedReason(python)
                .ifPresent(reason -> System.out.println("InterpreterPoolTest skipped: " + reason));
        assumeTrue(InterpreterPool.isSupported(python), "needs Python 3.12+");
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    @Test
    void beforePython312ThePoolSaysWhyItCannotRun() {
        assumeFalse(InterpreterPool.isSupported(python), "this Python has per-interpreter GILs");
        String version = python.runtime().version().toString();

        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> InterpreterPool.create(python, 2));

        assertTrue(e.getMessage().contains("needs Python 3.12 or later"), e.getMessage());
        assertTrue(e.getMessage().contains("this is Python " + version), e.getMessage());
        assertEquals(e.getMessage(), InterpreterPool.unsupportedReason(python).orElseThrow());
    }

    @Test
    void plainDataCrossesBothWays() throws Exception {
        requireSupport();
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("text", "grüße 中文");
        nested.put("numbers", List.of(1L, -2L, 3.5));
        nested.put("none", null);
        nested.put("flags", List.of(true, false));
        nested.put("big", new BigInteger("123456789012345678901234567890"));
        nested.put("set", Set.of(7L));
        try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
            assertEquals(nested, await(pool.submit(FIXTURES, "echo", nested)));
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) await(pool.submit(FIXTURES, "echo", (Object) new byte[] {1, 2, 3})));
            int typed = await(pool.submit(Integer.class, FIXTURES, "fib", 10));
            assertEquals(55, typed);
        }
    }

    @Test
    void pureCodeRunsWhileAnotherWorkerHoldsItsOwnGil(@TempDir Path dir) throws Exception {
        requireSupport();
        Path started = dir.resolve("started");
        Path flag = Files.write(dir.resolve("flag"), new byte[] {0});
        try (InterpreterPool pool = InterpreterPool.create(python, 2)) {
            CompletableFuture<Object> holder = pool.submit(FIXTURES, "hold_own_gil_until",
                    started.toString(), flag.toString(), 50.0);
            Fixtures.await("the first worker to hold its GIL", () -> Files.exists(started));

            long fib = (Long) await(pool.submit(FIXTURES, "fib", 20));
            long onMain = python.withGil(py -> py.eval("sum(range(10))").as(Long.class));

            assertFalse(holder.isDone(), "the holder finished before the others ran: " + holder);
            assertEquals(6765L, fib);
            assertEquals(45L, onMain);
            try (RandomAccessFile file = new RandomAccessFile(flag.toFile(), "rw")) {
                file.write(1);
            }
            assertEquals("released", await(holder));
        }
    }

    @Test
    void namesWithNulAreRefusedAndStringsAndNumbersCrossByTheCoreRules() throws Exception {
        requireSupport();
        IllegalArgumentException setup = assertThrows(IllegalArgumentException.class,
                () -> InterpreterPool.builder(python).workers(1).setup("x = 1\u0000").start());
        assertTrue(setup.getMessage().startsWith("setup code contains a NUL character (\\u0000) at index 5"),
                setup.getMessage());
        try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
            IllegalArgumentException module = assertThrows(IllegalArgumentException.class,
                    () -> pool.submit("os\u0000x", "getcwd"));
            assertTrue(module.getMessage().startsWith("module name contains a NUL character (\\u0000) at index 2"),
                    module.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.submit(FIXTURES, "echo\u0000x", 1));

            String text = "a\ud800b\u0000c\udfff";
            assertEquals(text, await(pool.submit(FIXTURES, "echo", text)), "lone surrogates and NUL survive both ways");
            assertEquals(1, await(pool.submit(Integer.class, FIXTURES, "echo", true)), "bool is the int 1");
            ExecutionException big = assertThrows(ExecutionException.class,
                    () -> await(pool.submit(Double.class, FIXTURES, "echo", BigInteger.TEN.pow(400))));
            assertEquals("result of concurrency_fixtures.echo: expected a value that fits double, got int "
                    + "1000000000000000...00000000 (401 digits)", big.getCause().getMessage());
            ExecutionException wide = assertThrows(ExecutionException.class,
                    () -> await(pool.submit(Integer.class, FIXTURES, "echo", 1L << 40)));
            assertEquals("result of concurrency_fixtures.echo: expected a value that fits int, got int 1099511627776",
                    wide.getCause().getMessage());
        }
    }

    @Test
    void pythonErrorsComeBackWithTypeMessageAndTraceback() throws Exception {
        requireSupport();
        try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(pool.submit(FIXTURES, "fail", "bad input 7")));
            PythonExecutionException cause = assertInstanceOf(PythonExecutionException.class, e.getCause());
            assertEquals("ValueError", cause.pythonType());
            assertEquals("bad input 7", cause.pythonMessage());
            assertTrue(cause.pythonTraceback().contains("in fail"), cause.pythonTraceback());
            assertEquals(7L, await(pool.submit(FIXTURES, "echo", 7)), "usable after an error");
        }
    }

    @Test
    void aModuleThatRefusesSubInterpretersFailsWithAClearError() throws Exception {
        requireSupport();
        String module = python.withGil(py -> {
            for (String candidate : List.of("numpy", "_testsinglephase", "_curses", "readline")) {
                try {
                    py.importModule(candidate).close();
                    return candidate;
                } catch (PythonImportException e) {
                    // not installed here; try the next
                }
            }
            return null;
        });
        assumeTrue(module != null, "no single-phase extension module is installed to try");
        try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(pool.submit("importlib", "import_module", module)));
            PythonImportException cause = assertInstanceOf(PythonImportException.class, e.getCause());
            assertTrue(cause.getMessage().startsWith("module " + module), cause.getMessage());
            assertTrue(cause.getMessage().contains("does not support loading in subinterpreters"), cause.getMessage());
            assertTrue(cause.getMessage().contains("Python.withGil or Python.submit"), cause.getMessage());
            System.out.println("refused: " + cause.getMessage());
        }
    }

    @Test
    void anExtensionModuleTheMainInterpreterHasNotLoadedIsNotInitializedInASubInterpreter() {
        requireSupport();
        ChildJvm.Result result = ChildJvm.run(FirstImportInASubInterpreter.class);
        String out = result.output();
        assumeFalse(out.contains("numpy is not installed"), "numpy is not installed in this Python");
        assertEquals(0, result.exitCode(), out);
        // numpy 2 keeps its core in numpy._core; numpy 1 (the bundled 3.12's 1.26) in numpy.core.
        String core = "numpy\\.(_core|core)\\._multiarray_umath";
        assertTrue(Pattern.compile("first: PythonImportException: " + core + " is a C extension module").matcher(out).find(), out);
        assertTrue(out.contains("Import numpy in the main interpreter before starting the pool"), out);
        assertTrue(Pattern.compile("after main: PythonImportException: module " + core + " does not support "
                + "loading in subinterpreters").matcher(out).find(), out);
    }

    /** numpy crashes the process (free(): invalid pointer) if first initialized in a sub-interpreter. */
    public static final class FirstImportInASubInterpreter {
        public static void main(String[] args) {
            Python python = Python.start();
            if (!python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('numpy') is not None")
                    .as(Boolean.class))) {
                System.out.println("numpy is not installed");
                return;
            }
            try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
                System.out.println("first: " + failure(pool.submit("importlib", "import_module", "numpy")));
            }
            python.withGil(py -> py.importModule("numpy"));
            try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
                System.out.println("after main: " + failure(pool.submit("importlib", "import_module", "numpy")));
            }
        }

        private static String failure(CompletableFuture<Object> future) {
            try {
                return "imported " + future.join();
            } catch (CompletionException e) {
                return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
            }
        }
    }

    @Test
    void setupCodeRunsInEveryWorkerAndItsFailureFailsTheStart() throws Exception {
        requireSupport();
        try (InterpreterPool pool = InterpreterPool.builder(python).workers(2)
                .setup("def triple(x):\n    return 3 * x\n").start()) {
            assertEquals(2, pool.workers());
            assertEquals(21L, await(pool.submit("__main__", "triple", 7)));
        }
        PythonExecutionException e = assertThrows(PythonExecutionException.class,
                () -> InterpreterPool.builder(python).workers(2).setup("raise RuntimeError('no setup')").start());
        assertEquals("RuntimeError", e.pythonType());
    }

    @Test
    void valuesThatAreNotPlainDataAreRefusedClearly() throws Exception {
        requireSupport();
        try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
            IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                    () -> pool.submit(FIXTURES, "echo", List.of(1, new Object())));
            assertTrue(in.getMessage().contains("argument 1 of concurrency_fixtures.echo[1] is a java.lang.Object"),
                    in.getMessage());
            ExecutionException out = assertThrows(ExecutionException.class,
                    () -> await(pool.submit(FIXTURES, "new_object")));
            PythonConversionException cause = assertInstanceOf(PythonConversionException.class, out.getCause());
            assertTrue(cause.getMessage().contains("a object cannot leave a sub-interpreter"), cause.getMessage());
            ExecutionException typed = assertThrows(ExecutionException.class,
                    () -> await(pool.submit(String.class, FIXTURES, "echo", 5)));
            assertInstanceOf(PythonConversionException.class, typed.getCause());
        }
    }

    @Test
    void cancellingStopsTheCodeInsideTheSubInterpreter(@TempDir Path dir) throws Exception {
        requireSupport();
        Path marker = dir.resolve("marker");
        try (InterpreterPool pool = InterpreterPool.create(python, 1)) {
            CompletableFuture<Object> spin = pool.submit(FIXTURES, "spin_marking", marker.toString());
            Fixtures.await("the loop to start", () -> read(marker).equals("running"));

            assertTrue(spin.cancel(true));

            Fixtures.await("the loop to be stopped", () -> read(marker).equals("pybridge.CallCancelled"));
            assertEquals(3L, await(pool.submit(FIXTURES, "echo", 3)), "the worker goes on");
        }
    }

    @Test
    void closeStopsWhatStillRunsAndRefusesNewCalls(@TempDir Path dir) throws Exception {
        requireSupport();
        Path marker = dir.resolve("marker");
        InterpreterPool pool = InterpreterPool.builder(python).workers(1).closeTimeout(Duration.ofMillis(100)).start();
        CompletableFuture<Object> spin = pool.submit(FIXTURES, "spin_marking", marker.toString());
        CompletableFuture<Object> queued = pool.submit(FIXTURES, "echo", 1);
        Fixtures.await("the loop to start", () -> read(marker).equals("running"));

        pool.close();

        CompletionException stopped = assertThrows(CompletionException.class, spin::join);
        assertTrue(stopped.getCause().getMessage().contains("closing stopped this InterpreterPool call"),
                stopped.getCause().getMessage());
        CompletionException refused = assertThrows(CompletionException.class, queued::join);
        assertTrue(refused.getCause().getMessage().contains("closed before this call started"),
                refused.getCause().getMessage());
        assertEquals("pybridge.InterpreterClosing", read(marker));
        assertThrows(IllegalStateException.class, () -> pool.submit(FIXTURES, "echo", 1));
        pool.close();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void pythonCloseClosesOpenPoolsAndTheJvmExitsWithBusyWorkers() {
        requireSupport();
        ChildJvm.Result result = ChildJvm.run(CloseWithPools.class);
        String out = result.output();
        assertEquals(0, result.exitCode(), out);
        assertTrue(out.contains("pool call: IllegalStateException: closing stopped this InterpreterPool call"), out);
        assertTrue(out.contains("python closed: true"), out);
        result = ChildJvm.run(ExitWithBusyPool.class);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("main returns with the pool busy"), result.output());
    }

    public static final class CloseWithPools {
        public static void main(String[] args) throws Exception {
            Path marker = Files.createTempFile("pool", ".marker");
            Python python = Python.builder().closeTimeout(Duration.ofMillis(200)).modulePath(Fixtures.resourceDir()).start();
            InterpreterPool pool = InterpreterPool.create(python, 2);
            CompletableFuture<Object> spin = pool.submit(FIXTURES, "spin_marking", marker.toString());
            Fixtures.await("the loop to start", () -> read(marker).equals("running"));
            python.close();
            try {
                spin.join();
            } catch (CompletionException e) {
                System.out.println("pool call: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            }
            System.out.println("python closed: " + python.isClosed());
            Files.deleteIfExists(marker);
        }
    }

    public static final class ExitWithBusyPool {
        public static void main(String[] args) throws Exception {
            Path marker = Files.createTempFile("pool", ".marker");
            Python python = Python.builder().modulePath(Fixtures.resourceDir()).start();
            InterpreterPool pool = InterpreterPool.create(python, 2);
            pool.submit(FIXTURES, "spin_marking", marker.toString());
            Fixtures.await("the loop to start", () -> read(marker).equals("running"));
            System.out.println("main returns with the pool busy " + Arrays.toString(args));
        }
    }
}
