package io.pybridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Java exception keeps of the Python traceback it was raised with: the frames (and every local
 * variable of the failed functions) are freed when Java catches the exception, as they are in Python when
 * an {@code except} block ends, and the traceback text is still exactly what Python's own
 * {@code traceback.format_exception} gave while the frames were there.
 */
class CaughtTracebackTest {
    private static Python python;
    private static PyObject module;

    @BeforeAll
    static void define(@TempDir Path folder) throws IOException {
        // A module file, so that the tracebacks show source lines and the positions under them.
        Files.writeString(folder.resolve("caught_tracebacks.py"), """
                    import traceback, weakref

                    expected = {}

                    def expect(name, function, *args):
                        try:
                            return function(*args)
                        except BaseException as e:
                            expected[name] = ''.join(traceback.format_exception(e))
                            chained = e.__cause__ if e.__cause__ is not None else (
                                None if e.__suppress_context__ else e.__context__)
                            if chained is not None:
                                expected[name + '.chained'] = ''.join(traceback.format_exception(chained))
                            raise

                    class Payload:
                        pass

                    payloads = []

                    def fail_holding_payload():
                        payload = Payload()
                        payloads.append(weakref.ref(payload))
                        raise ValueError('failed while holding a payload')

                    async def fail_async_holding_payload():
                        payload = Payload()
                        payloads.append(weakref.ref(payload))
                        raise ValueError('failed while holding a payload, asynchronously')

                    def inner():
                        raise ValueError('bad value')

                    def outer():
                        inner()

                    def recurse(depth):
                        return recurse(depth + 1)

                    def wrapped():
                        try:
                            inner()
                        except ValueError as e:
                            raise KeyError('wrapped') from e

                    def during():
                        try:
                            outer()
                        except ValueError:
                            raise RuntimeError('while handling')

                    def suppressed():
                        try:
                            inner()
                        except ValueError:
                            raise KeyError('clean') from None

                    def positions():
                        values = {'a': [1]}
                        return values['a'][0] + values['b'][0]

                    def cycle():
                        first = ValueError('first')
                        second = KeyError('second')
                        first.__context__ = second
                        second.__context__ = first
                        raise first

                    def local_typo():
                        count = 1
                        return cont + 1

                    def attribute_typo():
                        return 'text'.uper()

                    def group():
                        raise ExceptionGroup('several', [ValueError('one'), KeyError('two')])

                    def call_java(callback):
                        return callback()
                    """);
        python = Python.start();
        python.addModulePath(folder);
        module = python.withGil(py -> py.importModule("caught_tracebacks"));
    }

    @AfterAll
    static void stop() {
        module.close();
    }

    /** {@code expect(name, function, *args)} called from Java, so that no frame of Java's own is in the traceback. */
    private static PythonException failure(String name, String function, Object... args) {
        return assertThrows(PythonException.class, () -> python.withGil(py -> {
            Object[] arguments = new Object[args.length + 2];
            arguments[0] = name;
            arguments[1] = module.getAttr(function);
            System.arraycopy(args, 0, arguments, 2, args.length);
            return module.callMethod("expect", arguments);
        }));
    }

    private static String expected(String name) {
        return python.withGil(py -> {
            try (PyObject expected = module.getAttr("expected")) {
                return expected.callMethod("get", name).as(String.class);
            }
        });
    }

    private static boolean hasTraceback(PythonException e) {
        try (PyObject exception = e.pythonException().orElseThrow()) {
            return python.withGil(py -> exception.getAttr("__traceback__").as(Object.class) != null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inner", "outer", "recurse", "wrapped", "during", "suppressed", "positions", "cycle",
            "local_typo", "attribute_typo", "group"})
    void theTextIsWhatPythonFormattedWhileTheFramesWereThere(String name) {
        PythonException e = name.equals("recurse") ? failure(name, name, 0) : failure(name, name);
        assertEquals(expected(name), e.pythonTraceback());
        if (e.getCause() instanceof PythonException chained) {
            assertEquals(expected(name + ".chained"), chained.pythonTraceback());
        }
    }

    @Test
    void theFailedFunctionsLocalsAreFreedWhenJavaCatchesTheException() {
        PythonException e = failure("fail_holding_payload", "fail_holding_payload");
        // e is still reachable: only its traceback's frames were let go.
        boolean freed = python.withGil(py -> py.eval("__import__('caught_tracebacks').payloads[-1]() is None")
                .as(Boolean.class));
        assertTrue(freed,
                "the payload a local variable held is freed once Java has the exception");
        assertFalse(hasTraceback(e));
        assertEquals("python.caught_tracebacks", e.getStackTrace()[0].getClassName());
        assertEquals("fail_holding_payload", e.getStackTrace()[0].getMethodName());
        assertTrue(e.pythonTraceback().contains("in fail_holding_payload"), e.pythonTraceback());
        assertEquals("failed while holding a payload",
                e.pythonException().orElseThrow().getAttr("args").as(String[].class)[0]);
    }

    @Test
    void aFailedAsyncCallLetsItsFramesGoToo() {
        CompletableFuture<PyObject> call = python.async(py -> module.callMethod("fail_async_holding_payload"));
        CompletionException failed = assertThrows(CompletionException.class, call::join);
        PythonException e = assertInstanceOf(PythonException.class, failed.getCause());
        // The loop thread lets the task go as it returns from the callback that completed the future, which
        // may be a moment after this thread woke up: up to 10 s, so that only a payload never freed fails.
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean freed;
        while (!(freed = python.withGil(py -> py.eval("__import__('caught_tracebacks').payloads[-1]() is None")
                .as(Boolean.class))) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(freed, "the payload a local variable of the coroutine held is freed once the loop has let the task go");
        assertFalse(hasTraceback(e));
        assertTrue(e.pythonTraceback().contains("in fail_async_holding_payload"), e.pythonTraceback());
    }

    @Test
    void nameAndAttributeErrorsKeepTheirFramesForTheSuggestionsPythonReadsFromThem() {
        assertTrue(hasTraceback(failure("local_typo", "local_typo")));
        assertTrue(hasTraceback(failure("attribute_typo", "attribute_typo")));
    }

    @Test
    void anExceptionGoingBackIntoPythonThroughJavaKeepsItsInnerFrames() {
        Supplier<Object> callback = () -> python.withGil(py -> module.callMethod("outer"));
        PythonException e = failure("through_java", "call_java", callback);
        String text = expected("through_java");
        assertTrue(text.contains("in call_java") && text.contains("in outer") && text.contains("in inner"), text);
        assertEquals(text, e.pythonTraceback());
        assertInstanceOf(PythonException.class, e);
    }
}
