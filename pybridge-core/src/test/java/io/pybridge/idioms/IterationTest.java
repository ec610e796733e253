package io.pybridge.idioms;

import io.pybridge.PyIterator;
import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.PythonExecutionException;
import io.pybridge.convert.TypeRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.pybridge.idioms.IdiomFixtures.call;
import static io.pybridge.idioms.IdiomFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python iterables as Java iterators and streams, and Java iterators, iterables and streams in Python. */
class IterationTest {
    private final Python python = IdiomFixtures.python();

    /** Generator functions bound as Java methods returning iterators and streams. */
    interface Generators {
        Stream<Long> numbers(int n);

        @io.pybridge.convert.PyName("count")
        Iterator<Integer> counting(int n);
    }

    @BeforeEach
    void forgetEvents() {
        events();
    }

    @Test
    void aGeneratorAdvancesOneItemPerStep() {
        try (PyObject generator = call("count", 3); PyIterator<Integer> items = generator.iterate(Integer.class)) {
            assertEquals(List.of(), events(), "nothing runs before Java asks");
            assertTrue(items.hasNext());
            assertEquals(List.of(List.of("start", 3L), List.of("yield", 0L)), events());
            assertEquals(0, items.next());
            assertEquals(List.of(), events(), "next() hands over the item hasNext() took");
            assertEquals(1, items.next());
            assertEquals(List.of(List.of("yield", 1L)), events());
            assertEquals(2, items.next());
            assertFalse(items.hasNext());
            assertEquals(List.of(List.of("yield", 2L), List.of("exhausted"), List.of("finally")), events());
            assertThrows(NoSuchElementException.class, items::next);
        }
    }

    @Test
    void closeClosesTheGeneratorItsFinallyRuns() {
        PyIterator<Long> items;
        try (PyObject generator = call("count", 10)) {
            items = generator.iterate(Long.class);
        }
        assertEquals(0L, items.next());
        items.close();
        assertEquals(List.of(List.of("start", 10L), List.of("yield", 0L), List.of("finally")), events());
        assertTrue(items.isClosed());
        assertThrows(IllegalStateException.class, items::hasNext);
        assertThrows(IllegalStateException.class, items::next);
        items.close();
    }

    @Test
    void anExceptionMidwaySurfacesAfterTheItemsBeforeIt() {
        for (int batch : new int[] {1, 4}) {
            try (PyObject generator = call("fail_after", 2, "broken"); PyIterator<Long> items = generator.iterate(Long.class, batch)) {
                assertEquals(0L, items.next());
                assertEquals(1L, items.next());
                PythonExecutionException e = assertThrows(PythonExecutionException.class, items::hasNext);
                assertEquals("ValueError", e.pythonType());
                assertEquals("broken", e.pythonMessage());
                assertFalse(items.hasNext(), "a generator that raised is finished");
            }
        }
    }

    @Test
    void anItemThatDoesNotConvertNamesItsIndexAndReadingGoesOn() {
        try (PyObject generator = call("mixed"); PyIterator<Long> items = generator.iterate(Long.class)) {
            assertEquals(1L, items.next());
            PythonConversionException e = assertThrows(PythonConversionException.class, items::next);
            assertTrue(e.getMessage().startsWith("item 1: expected int, got str"), e.getMessage());
            assertEquals(3L, items.next());
            assertFalse(items.hasNext());
        }
    }

    @Test
    void batchesRunAheadButHandOverInOrder() {
        try (PyObject generator = call("count", 5); PyIterator<Long> items = generator.iterate(Long.class, 3)) {
            assertEquals(0L, items.next());
            assertEquals(4, events().size(), "start and three yields");
            List<Long> rest = new ArrayList<>();
            items.forEachRemaining(rest::add);
            assertEquals(List.of(1L, 2L, 3L, 4L), rest);
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (PyObject list = python.withGil(py -> py.eval("[1]"))) {
                list.iterate(Long.class, 0);
            }
        });
    }

    @Test
    void typedItemsThroughTypeRefAndAsTargets() {
        try (PyObject pairs = python.withGil(py -> py.eval("iter([['a', 1], ['b', 2]])"))) {
            List<List<Object>> read = new ArrayList<>();
            pairs.iterate(new TypeRef<List<Object>>() { }).forEachRemaining(read::add);
            assertEquals(List.of(List.of("a", 1L), List.of("b", 2L)), read);
        }
        try (PyObject words = python.withGil(py -> py.eval("(w.upper() for w in ['x', 'y'])"))) {
            Iterator<String> iterator = words.as(new TypeRef<Iterator<String>>() { });
            assertInstanceOf(PyIterator.class, iterator);
            assertEquals("X", iterator.next());
            assertEquals("Y", iterator.next());
            assertFalse(iterator.hasNext());
        }
        try (PyObject range = python.withGil(py -> py.eval("range(5)"));
             Stream<Integer> stream = range.as(new TypeRef<Stream<Integer>>() { })) {
            assertEquals(10, stream.mapToInt(Integer::intValue).sum());
        }
        try (PyObject number = python.withGil(py -> py.eval("42"))) {
            PythonConversionException e = assertThrows(PythonConversionException.class,
                    () -> number.as(new TypeRef<Iterator<String>>() { }));
            assertTrue(e.getMessage().startsWith("expected an iterable, got int"), e.getMessage());
            assertEquals("TypeError", assertThrows(PythonExecutionException.class, () -> number.iterate(Long.class)).pythonType());
        }
    }

    @Test
    void closingAStreamEarlyClosesTheGenerator() {
        try (PyObject generator = call("endless"); Stream<Long> stream = generator.stream(Long.class)) {
            assertEquals(List.of(0L, 1L, 2L), stream.limit(3).toList());
        }
        try (PyObject generator = call("count", 100)) {
            try (Stream<Long> stream = generator.stream(Long.class)) {
                assertEquals(0L, stream.findFirst().orElseThrow());
            }
            assertEquals(List.of("finally"), events().getLast());
        }
    }

    @Test
    void aGeneratorThatFailsWhileClosingThrowsFromClose() {
        try (PyObject generator = call("stubborn")) {
            PyIterator<Long> items = generator.iterate(Long.class);
            assertEquals(1L, items.next());
            PythonExecutionException e = assertThrows(PythonExecutionException.class, items::close);
            assertEquals("cleanup failed", e.pythonMessage());
            assertTrue(items.isClosed());
        }
    }

    @Test
    void anIteratorIsReadableFromAnyThreadOneAtATime() throws Exception {
        try (PyObject generator = call("numbers", 1000); PyIterator<Long> items = generator.iterate(Long.class)) {
            List<Long> seen = new ArrayList<>();
            Thread virtual = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) {
                    seen.add(items.next());
                }
            });
            virtual.join();
            Thread platform = Thread.ofPlatform().stackSize(1 << 20).start(() -> items.forEachRemaining(seen::add));
            platform.join();
            assertEquals(LongStreamRange.of(1000), seen);
        }
    }

    @Test
    void boundGeneratorFunctionsReturnLazyIteratorsAndStreams() {
        Generators generators = python.bind(Generators.class, "idiom_fixtures");
        try (Stream<Long> numbers = generators.numbers(4)) {
            assertEquals(List.of(0L, 1L, 2L, 3L), numbers.toList());
        }
        Iterator<Integer> counting = generators.counting(5);
        assertEquals(List.of(), events(), "nothing runs before Java asks");
        assertEquals(0, counting.next());
        ((PyIterator<Integer>) counting).close();
        assertEquals(List.of(List.of("start", 5L), List.of("yield", 0L), List.of("finally")), events());
    }

    @Test
    void closedObjectsAreRefusedAndTheIteratorOutlivesItsSource() {
        PyObject generator = call("numbers", 3);
        PyIterator<Long> items = generator.iterate(Long.class);
        generator.close();
        assertThrows(IllegalStateException.class, () -> generator.iterate(Long.class));
        assertThrows(IllegalStateException.class, () -> generator.stream(Long.class));
        List<Long> read = new ArrayList<>();
        items.forEachRemaining(read::add);
        assertEquals(List.of(0L, 1L, 2L), read, "the iterator holds its own reference");
    }

    @Test
    void readersRacingOnOneIteratorNeverCrash() throws Exception {
        try (PyObject generator = call("numbers", 20_000); PyIterator<Long> items = generator.iterate(Long.class)) {
            List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger taken = new AtomicInteger();
            Thread[] readers = new Thread[4];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = Thread.ofPlatform().stackSize(8 << 20).start(() -> {
                    while (true) {
                        try {
                            if (!items.hasNext()) {
                                return;
                            }
                            items.next();
                            taken.incrementAndGet();
                        } catch (PythonExecutionException e) {
                            if (!"ValueError".equals(e.pythonType())) {
                                unexpected.add(e);
                            }
                        } catch (NoSuchElementException | IndexOutOfBoundsException | IllegalStateException raced) {
                            // Misuse: Java's side of the iterator is not for concurrent readers (one may
                            // find the Python iterator another has just let go at its end).
                        } catch (Throwable t) {
                            unexpected.add(t);
                            return;
                        }
                    }
                });
            }
            for (Thread reader : readers) {
                reader.join();
            }
            assertEquals(List.of(), unexpected);
            assertTrue(taken.get() > 0);
        }
    }

    @Test
    void javaIteratorsAreLazyPythonIterators() {
        AtomicInteger produced = new AtomicInteger();
        Iterator<Integer> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return produced.incrementAndGet();
            }
        };
        try (PyObject taken = call("consume", counting, 3)) {
            assertEquals(List.of(1L, 2L, 3L), taken.as(new TypeRef<List<Long>>() { }));
        }
        assertEquals(3, produced.get(), "Python took exactly what it used");
        try (PyObject sum = call("sum_all", List.of(1, 2, 3).iterator())) {
            assertEquals(6L, sum.as(Long.class));
        }
    }

    @Test
    void aJavaIterableCanBeIteratedAgainAStreamOnceAndIsClosedAtItsEnd() {
        Iterable<String> iterable = () -> List.of("a", "b").iterator();
        try (PyObject both = call("twice", iterable)) {
            assertEquals(List.of(List.of("a", "b"), List.of("a", "b")), both.as(new TypeRef<List<List<String>>>() { }));
        }
        AtomicBoolean closed = new AtomicBoolean();
        try (PyObject sum = call("sum_all", IntStream.rangeClosed(1, 100).boxed().onClose(() -> closed.set(true)))) {
            assertEquals(5050L, sum.as(Long.class));
        }
        assertTrue(closed.get(), "the stream is closed once Python read its end");
        closed.set(false);
        try (PyObject first = call("first_then_close", Stream.of("x", "y").onClose(() -> closed.set(true)))) {
            assertEquals("x", first.as(String.class));
        }
        assertTrue(closed.get(), "close() on the Python iterator closes the stream");
    }

    @Test
    void aJavaExceptionMidIterationReachesPythonAndComesBack() {
        Iterator<Integer> failing = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 2) {
                    throw new IllegalStateException("source broke");
                }
                return next++;
            }
        };
        PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> call("sum_all", failing));
        assertEquals("_pybridge.JavaException", e.pythonType());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void aPyIteratorPassedToPythonIsReadThroughJava() {
        try (PyObject generator = call("numbers", 4)) {
            PyIterator<Long> items = generator.iterate(Long.class);
            assertEquals(0L, items.next());
            // A PyIterator is a Java Iterator: Python gets a lazy view that asks it for the rest (the item
            // it may hold already included).
            try (PyObject rest = call("consume", items)) {
                assertEquals(List.of(1L, 2L, 3L), rest.as(new TypeRef<List<Long>>() { }));
            }
        }
    }

    private static final class LongStreamRange {
        static List<Long> of(int n) {
            List<Long> values = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                values.add(i);
            }
            return values;
        }
    }
}
