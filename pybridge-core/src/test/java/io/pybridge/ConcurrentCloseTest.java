package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Another thread closes a {@link PyObject} while an operation on it runs Python code that lets the GIL
 * go (a dunder method, a property). The operation must keep the object alive to its end: its result is
 * complete, the Python object is finalized only after the last step that uses it, and nothing crashes
 * (each case runs in a child JVM of its own). A record read by attributes is the sharpest case: the first
 * property's code closes the object, and the bridge then reads the second attribute of the same object.
 */
class ConcurrentCloseTest {

    /** The operation under test, and what it must give. */
    enum Operation {
        AS_RECORD("two properties read in turn", "Pair[first=one, second=two]"),
        AS_LIST("__iter__", "[1, 2, 3]"),
        AS_DOUBLE("__float__", "2.5"),
        AS_LONG("__index__", "7"),
        GET_ATTR("a property", "'property value'"),
        REPR("__repr__", "<Victim>"),
        CALL("__call__", "'called'"),
        CALL_METHOD("a method", "'method result'"),
        LEN("__len__", "3");

        final String runs;
        final String expected;

        Operation(String runs, String expected) {
            this.runs = runs;
            this.expected = expected;
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void closeFromAnotherThreadWaitsForTheOperation(Operation operation) {
        ChildJvm.of(Work.class).name(operation + " (" + operation.runs + ")").args(operation.name())
                .run().assertSucceeded();
    }

    public static final class Work {
        private static final String VICTIM = """
                import time
                events = []

                class Victim:
                    def __init__(self, closer):
                        self.closer = closer
                    def _close_me_elsewhere(self, what):
                        events.append(what)
                        self.closer()          # another thread closes the PyObject; this one waits with the GIL released
                        time.sleep(0.01)       # and lets the GIL go once more
                        events.append(what + ' done')
                    def __len__(self):
                        self._close_me_elsewhere('len')
                        return 3
                    def __iter__(self):
                        self._close_me_elsewhere('iter')
                        return iter([1, 2, 3])
                    @property
                    def first(self):
                        self._close_me_elsewhere('first')
                        return 'one'
                    @property
                    def second(self):
                        events.append('second')
                        return 'two'
                    def __float__(self):
                        self._close_me_elsewhere('float')
                        return 2.5
                    def __index__(self):
                        self._close_me_elsewhere('index')
                        return 7
                    @property
                    def prop(self):
                        self._close_me_elsewhere('prop')
                        return 'property value'
                    def __repr__(self):
                        self._close_me_elsewhere('repr')
                        return '<Victim>'
                    def __call__(self):
                        self._close_me_elsewhere('call')
                        return 'called'
                    def method(self):
                        self._close_me_elsewhere('method')
                        return 'method result'
                    def __del__(self):
                        events.append('del')
                """;

        public static void main(String[] args) {
            Operation operation = Operation.valueOf(args[0]);
            Python python = Python.start();
            AtomicReference<PyObject> victim = new AtomicReference<>();
            // Closes the victim on a submitted call's thread; join() releases the GIL while it waits.
            Runnable closer = () -> python.submit(py -> {
                victim.get().close();
                return null;
            }).join();
            python.withGil(py -> {
                py.exec(VICTIM);
                victim.set(py.eval("Victim").call(closer));
                return null;
            });
            PyObject object = victim.get();
            String result = switch (operation) {
                case AS_RECORD -> object.as(Pair.class).toString();
                case AS_LIST -> object.as(List.class).toString();
                case AS_DOUBLE -> String.valueOf(object.as(double.class));
                case AS_LONG -> String.valueOf(object.as(long.class));
                case GET_ATTR -> pythonRepr(python, object.getAttr("prop"));
                case REPR -> object.repr();
                case CALL -> pythonRepr(python, object.call());
                case CALL_METHOD -> pythonRepr(python, object.callMethod("method"));
                case LEN -> String.valueOf(object.len());
            };
            String expected = operation.expected;
            if (!result.equals(expected)) {
                throw new AssertionError(operation + " returned " + result + ", expected " + expected);
            }
            if (!object.isClosed()) {
                throw new AssertionError("the closer did not run");
            }
            List<?> events = python.withGil(py -> py.eval("events").as(List.class));
            if (events.indexOf("del") != events.size() - 1) {
                throw new AssertionError("the object was finalized while the operation still used it, or never: "
                        + events);
            }
            python.close();
            System.out.println(operation + ": " + result + " " + events);
        }

        public record Pair(String first, String second) {
        }

        private static String pythonRepr(Python python, PyObject value) {
            try (value) {
                return value.repr();
            }
        }
    }
}
