package io.pybridge.idioms;

import io.pybridge.PyContext;
import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static io.pybridge.idioms.IdiomFixtures.call;
import static io.pybridge.idioms.IdiomFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python context managers used from Java: {@code withContext} and {@code PyContext}. */
class ContextManagerTest {
    private final Python python = IdiomFixtures.python();

    @BeforeEach
    void forgetEvents() {
        events();
    }

    private static PyObject managed(String name, boolean suppress, boolean failOnExit) {
        return call("Managed", name, suppress, failOnExit);
    }

    @Test
    void aBlockThatCompletesExitsWithNone() {
        try (PyObject manager = managed("ok", false, false)) {
            String result = manager.withContext(value -> value.as(String.class) + "!");
            assertEquals("value of ok!", result);
        }
        assertEquals(List.of(List.of("enter", "ok"), Arrays.asList("exit", "ok", null, null, false)), events());
    }

    @Test
    void aJavaExceptionReachesExitAndIsRethrownAsItWas() {
        IllegalStateException thrown = new IllegalStateException("Java failed");
        try (PyObject manager = managed("fails", false, false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> manager.withContext(value -> {
                throw thrown;
            }));
            assertSame(thrown, e);
        }
        assertEquals(List.of(List.of("enter", "fails"),
                List.of("exit", "fails", "JavaException", "java.lang.IllegalStateException: Java failed", true)), events());
    }

    @Test
    void checkedExceptionsPassThroughWithTheirType() {
        try (PyObject manager = managed("checked", false, false)) {
            IOException e = assertThrows(IOException.class, () -> manager.<Void, IOException>withContext(value -> {
                throw new IOException("disk full");
            }));
            assertEquals("disk full", e.getMessage());
        }
    }

    @Test
    void aPythonExceptionReachesExitAsThePythonExceptionItWas() {
        try (PyObject manager = managed("python", false, false)) {
            PythonExecutionException e = assertThrows(PythonExecutionException.class,
                    () -> manager.withContext(value -> python.withGil(py -> py.eval("1 / 0"))));
            assertEquals("ZeroDivisionError", e.pythonType());
        }
        assertEquals(List.of("exit", "python", "ZeroDivisionError", "division by zero", true), events().getLast());
    }

    @Test
    void anExitThatReturnsTrueSuppresses() {
        try (PyObject manager = managed("quiet", true, false)) {
            assertNull(manager.withContext(value -> {
                throw new IllegalArgumentException("swallowed");
            }));
        }
        assertEquals("IllegalArgumentException", ((String) events().getLast().get(3)).replace("java.lang.", "").split(":")[0]);
    }

    @Test
    void anExceptionExitRaisesReplacesTheBlocksOneWhichBecomesItsContext() {
        IllegalStateException original = new IllegalStateException("first");
        try (PyObject manager = managed("loud", false, true)) {
            PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> manager.withContext(value -> {
                throw original;
            }));
            assertEquals("KeyError", e.pythonType());
            Throwable context = e.getCause();
            assertInstanceOf(PythonExecutionException.class, context, "__context__: the JavaException for the original");
            assertSame(original, context.getCause());
        }
    }

    @Test
    void generatorBasedManagersSeeTheException() {
        try (PyObject transaction = call("transaction", "t1")) {
            assertThrows(IllegalStateException.class, () -> transaction.withContext(value -> {
                throw new IllegalStateException("abort");
            }));
        }
        assertEquals(List.of("rollback", "t1", "JavaException"), events().getLast());
        try (PyObject transaction = call("transaction", "t2")) {
            assertEquals("t2", transaction.withContext(value -> value.as(String.class)));
        }
        assertEquals(List.of("commit", "t2"), events().getLast());
    }

    @Test
    void pyContextInTryWithResources() {
        try (PyObject manager = managed("twr", false, false)) {
            try (PyContext context = manager.enter()) {
                assertEquals("value of twr", context.value().as(String.class));
                assertFalse(context.isExited());
            }
            assertEquals(Arrays.asList("exit", "twr", null, null, false), events().getLast());

            PyContext context = manager.enter();
            assertFalse(context.exit(new RuntimeException("told")));
            assertTrue(context.isExited());
            assertTrue(context.value().isClosed(), "the value is closed when the context exits");
            assertThrows(IllegalStateException.class, () -> context.exit(new RuntimeException("again")));
            context.close();
            assertEquals(List.of("exit", "twr", "JavaException", "java.lang.RuntimeException: told", true), events().getLast());
        }
    }

    @Test
    void objectsThatAreNoContextManagersAndFailingEntersAreClear() {
        try (PyObject number = python.withGil(py -> py.eval("3"))) {
            PythonExecutionException e = assertThrows(PythonExecutionException.class, number::enter);
            assertEquals("TypeError", e.pythonType());
            assertTrue(e.pythonMessage().contains("'builtins.int' object does not support the context manager protocol"),
                    e.pythonMessage());
        }
        try (PyObject bad = call("BadEnter")) {
            assertEquals("OSError", assertThrows(PythonExecutionException.class, () -> bad.withContext(v -> v)).pythonType());
        }
        assertEquals(List.of(), events(), "__exit__ does not run when __enter__ failed");
    }

    @Test
    void aClosedManagerIsRefused() {
        PyObject manager = managed("closed", false, false);
        manager.close();
        assertThrows(IllegalStateException.class, manager::enter);
        assertThrows(IllegalStateException.class, () -> manager.withContext(v -> v));
        assertEquals(List.of(), events());
    }

    @Test
    void realManagersWork() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pybridge-with", ".txt");
        try (PyObject opened = python.withGil(py -> py.eval("open")).call(file.toString(), "w")) {
            opened.withContext(f -> f.callMethod("write", "written in a with block"));
            assertTrue(opened.getAttr("closed").as(Boolean.class));
        } finally {
            assertEquals("written in a with block", java.nio.file.Files.readString(file));
            java.nio.file.Files.delete(file);
        }
        try (PyObject lock = python.withGil(py -> py.eval("__import__('threading').Lock()"))) {
            boolean lockedInside = lock.withContext(ignored -> lock.callMethod("locked").as(Boolean.class));
            assertTrue(lockedInside);
            assertFalse(lock.callMethod("locked").as(Boolean.class));
        }
    }
}
