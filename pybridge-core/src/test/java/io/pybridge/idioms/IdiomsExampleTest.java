package io.pybridge.idioms;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The README's "Python idioms from Java" as one program (Python half: {@code idioms_example.py}):
 * a coroutine as a future, a generator as a stream, a Python class as a Java listener, a context
 * manager around Java code. Output and logging options belong to the builder that starts Python; see
 * {@code OutputTest.BuilderOutput} for those.
 */
class IdiomsExampleTest {
    record Row(long id, boolean valid) {
    }

    interface Listener {
        void onEvent(String name, int count);
    }

    @Test
    void theReadmeExampleRuns() throws Exception {
        Python python = Fixtures.python();
        try (PyObject example = python.withGil(py -> py.importModule("idioms_example"))) {
            // async def -> CompletableFuture, run on the bridge's event loop
            CompletableFuture<String> page = python.async(String.class, py -> example.callMethod("fetch", "example.org"));
            assertEquals("<html>example.org</html>", page.get(30, TimeUnit.SECONDS));

            // a generator -> a lazy Stream of records; closing the stream closes the generator
            try (PyObject rows = example.callMethod("rows", 10); Stream<Row> stream = rows.stream(Row.class)) {
                assertEquals(List.of(0L, 2L, 4L, 6L, 8L), stream.filter(Row::valid).map(Row::id).toList());
            }

            // a Python object -> a Java interface
            try (PyObject printing = example.callMethod("PrintingListener")) {
                Listener listener = printing.as(Listener.class);
                listener.onEvent("started", 1);
                assertEquals(List.of("started"), printing.getAttr("events").as(List.class));
            }

            // a context manager around Java code: __exit__ sees the Java exception
            List<String> journal = new ArrayList<>();
            try (PyObject pythonJournal = python.withGil(py -> py.toPython(journal));
                 PyObject transaction = example.callMethod("transaction", pythonJournal)) {
                assertThrows(IllegalStateException.class, () -> transaction.withContext(tx -> {
                    throw new IllegalStateException("abort");
                }));
                assertEquals(List.of("begin", "rollback"), pythonJournal.as(List.class));
            }
        }
    }
}
