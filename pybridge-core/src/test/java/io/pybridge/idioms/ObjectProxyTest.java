package io.pybridge.idioms;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.PythonExecutionException;
import io.pybridge.convert.PyDefault;
import io.pybridge.convert.PyName;
import io.pybridge.convert.TypeRef;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.pybridge.idioms.IdiomFixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pyObject.as(Interface.class)}: a Python object, an instance of a Python class, as a Java interface. */
class ObjectProxyTest {
    record Summary(String description, @PyDefault List<String> keywords) {
    }

    /** A Java callback interface a Python class implements. */
    interface EventListener {
        String onEvent(String name, int count);

        void onClose();

        Summary summary();

        String pick(BiFunction<String, String, String> choose);

        EventListener partner();

        @PyName("later")
        CompletableFuture<Integer> doubledLater(int value);

        @PyName("slow")
        CompletableFuture<Integer> plusOneLater(int value);

        default String greet() {
            return "hello " + onEvent("greet", 0);
        }
    }

    interface Partial {
        String onEvent(String name, int count);

        String onClose();
    }

    interface Parser extends Function<String, Integer> {
    }

    interface Unsupported {
        Thread thread();
    }

    private final Python python = IdiomFixtures.python();

    @Test
    void aPythonObjectImplementsAJavaInterface() {
        try (PyObject instance = call("Listener")) {
            EventListener listener = instance.as(EventListener.class);
            assertEquals("click:2", listener.onEvent("click", 2));
            listener.onClose();
            assertEquals(new Summary("listener", List.of("click", "closed")), listener.summary());
            assertEquals("hello greet:0", listener.greet(), "default methods run as Java");
            assertEquals("b", listener.pick((a, b) -> b), "functional parameters become Python callables");
            EventListener partner = listener.partner();
            assertNotEquals(listener, partner, "results of interface type are proxies too");
            assertEquals("x:1", partner.onEvent("x", 1));
            assertEquals(listener, listener);
            assertTrue(listener.toString().startsWith("EventListener implemented by Python idiom_fixtures.Listener"),
                    listener.toString());
        }
    }

    @Test
    void futureMethodsAwaitAsyncDefsOnTheLoopAndSubmitPlainOnes() throws Exception {
        try (PyObject instance = call("Listener")) {
            EventListener listener = instance.as(EventListener.class);
            assertEquals(42, listener.doubledLater(21).get(60, TimeUnit.SECONDS));
            assertEquals(8, listener.plusOneLater(7).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void theProxyPassedBackToPythonIsTheObjectItself() {
        try (PyObject instance = call("Listener")) {
            EventListener listener = instance.as(EventListener.class);
            try (PyObject back = call("register", listener)) {
                assertEquals(instance, back, "the same Python object, not a Java object wrapped again");
            }
            try (PyObject result = call("call_listener", listener, "direct")) {
                assertEquals("direct:1", result.as(String.class));
            }
        }
    }

    @Test
    void missingMethodsAreNamedWhenTheProxyIsMade() {
        try (PyObject instance = call("Incomplete")) {
            PythonConversionException e = assertThrows(PythonConversionException.class, () -> instance.as(Partial.class));
            assertTrue(e.getMessage().contains("Python idiom_fixtures.Incomplete cannot implement "
                    + Partial.class.getName() + ": it has no method on_close (for Partial.onClose(); 'on_close' is a int, "
                    + "not a method)"), e.getMessage());
        }
        try (PyObject number = python.withGil(py -> py.eval("7"))) {
            PythonConversionException e = assertThrows(PythonConversionException.class,
                    () -> number.as(EventListener.class));
            assertTrue(e.getMessage().contains("on_event (for EventListener.onEvent(String, int))"), e.getMessage());
        }
        try (PyObject instance = call("Listener")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> instance.as(Unsupported.class));
            assertTrue(e.getMessage().contains("Unsupported.thread() result: java.lang.Thread is not supported"),
                    e.getMessage());
        }
    }

    @Test
    void aPythonCallableIsAFunctionalInterface() {
        try (PyObject length = python.withGil(py -> py.eval("len"));
             PyObject compare = python.withGil(py -> py.eval("lambda a, b: len(a) - len(b)"));
             PyObject greeting = python.withGil(py -> py.eval("lambda: 'hi'"))) {
            Function<String, Integer> raw = length.as(new TypeRef<Function<String, Integer>>() { });
            assertEquals(5, raw.apply("hello"));
            assertEquals(3, length.as(Parser.class).apply("abc"), "variables bound through the interface's parents");
            Comparator<String> byLength = compare.as(new TypeRef<Comparator<String>>() { });
            assertEquals(List.of("a", "bb", "ccc"), java.util.stream.Stream.of("ccc", "a", "bb").sorted(byLength).toList());
            Supplier<?> supplier = greeting.as(Supplier.class);
            assertEquals("hi", supplier.get(), "a raw type variable takes the natural value");
        }
    }

    @Test
    void proxyMethodsRaiseWhatPythonRaisesAndFailAfterClose() {
        try (PyObject failing = python.withGil(py -> py.eval("lambda text: int(text)"))) {
            @SuppressWarnings("unchecked")
            Function<String, Long> parse = failing.as(Function.class);
            assertEquals(12L, parse.apply("12"));
            assertEquals("ValueError", assertThrows(PythonExecutionException.class, () -> parse.apply("x")).pythonType());
        }
    }

    @Test
    void theProxyOutlivesThePyObjectItWasMadeFrom() {
        PyObject instance = call("Listener");
        EventListener listener = instance.as(EventListener.class);
        instance.close();
        assertThrows(IllegalStateException.class, () -> instance.as(EventListener.class));
        assertEquals("kept:3", listener.onEvent("kept", 3), "the proxy holds its own references");
    }

    @Test
    void interfacesTheConversionsHandleKeepTheirMeaning() {
        try (PyObject text = python.withGil(py -> py.eval("'abc'"));
             PyObject object = python.withGil(py -> py.eval("object()"))) {
            assertEquals("abc", text.as(Comparable.class), "a natural value that implements it");
            assertEquals("abc", text.as(CharSequence.class));
            PythonConversionException e = assertThrows(PythonConversionException.class, () -> object.as(Comparable.class));
            assertTrue(e.getMessage().contains("no conversion for that Java type"), e.getMessage());
            assertSame(PyObject.class, object.as(AutoCloseable.class).getClass(), "a PyObject is AutoCloseable");
        }
    }
}
