package io.pybridge.numpy;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.internal.runtime.PythonHeldMemory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pybridge.PythonExecutionException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NDArrayTest {
    static Python python;

    @BeforeAll
    static void start() {
        python = Python.start();
        python.withGil(py -> {
            py.exec("import numpy as np");
            return null;
        });
    }

    private static PyObject eval(String expression) {
        return python.withGil(py -> py.eval(expression));
    }

    @Test
    void readsAC_orderedFloat32ArrayInPlace() {
        try (PyObject a = eval("np.arange(12, dtype=np.float32).reshape(3, 4)");
             NDArray array = a.as(NDArray.class)) {
            assertEquals(DType.FLOAT32, array.dtype());
            assertArrayEquals(new long[] {3, 4}, array.shape());
            assertArrayEquals(new long[] {16, 4}, array.strides());
            MemorySegment segment = array.segment();
            assertEquals(48, segment.byteSize());
            assertTrue(segment.isReadOnly());
            assertEquals(6f, segment.get(ValueLayout.JAVA_FLOAT_UNALIGNED, array.byteOffset(1, 2)));
            long address = python.withGil(py -> a.getAttr("ctypes").getAttr("data").as(Long.class));
            assertEquals(address, segment.address(), "the segment is numpy's own memory");
            float[] expected = new float[12];
            for (int i = 0; i < 12; i++) {
                expected[i] = i;
            }
            assertArrayEquals(expected, array.toFloatArray());
        }
    }

    @Test
    void copiesFortranOrderAndStridedViewsInCOrder() {
        try (PyObject f = eval("np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))");
             NDArray array = f.as(NDArray.class)) {
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, array.toDoubleArray());
            assertArrayEquals(new long[] {8, 16}, array.strides());
        }
        try (PyObject s = eval("np.arange(20, dtype=np.int32).reshape(4, 5)[::-2, 1::2]");
             NDArray array = s.as(NDArray.class)) {
            assertArrayEquals(new int[] {16, 18, 6, 8}, array.toIntArray());
            assertEquals(16, array.segment().get(ValueLayout.JAVA_INT_UNALIGNED, array.byteOffset(0, 0)));
            assertEquals(8, array.segment().get(ValueLayout.JAVA_INT_UNALIGNED, array.byteOffset(1, 1)));
        }
    }

    @Test
    void refusesLossyCopiesNamingBothTypes() {
        try (PyObject a = eval("np.zeros(3, dtype=np.float64)"); NDArray array = a.as(NDArray.class)) {
            PythonConversionException e = assertThrows(PythonConversionException.class, array::toFloatArray);
            assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("float[]"), e.getMessage());
        }
    }

    @Test
    void closedArrayRefusesUse() {
        PyObject a = eval("np.ones(4, dtype=np.float32)");
        NDArray array = a.as(NDArray.class);
        MemorySegment segment = array.segment();
        array.close();
        assertThrows(IllegalStateException.class, array::toFloatArray);
        assertThrows(IllegalStateException.class, array::segment);
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> python.withGil(py -> py.toPython(array)));
        assertEquals("this NDArray was closed", e.getMessage());
        array.close();
        a.close();
    }

    @Test
    void wrapsJavaMemoryWithoutCopy() {
        MemorySegment data = Arena.ofAuto().allocate(4 * 6, 8);
        for (int i = 0; i < 6; i++) {
            data.setAtIndex(ValueLayout.JAVA_FLOAT, i, i * 1.5f);
        }
        try (NDArray wrapped = NDArray.wrap(data, DType.FLOAT32, 2, 3)) {
            python.withGil(py -> {
                try (PyObject array = py.toPython(wrapped)) {
                    assertEquals("numpy.ndarray", array.typeName());
                    assertEquals(List.of(2L, 3L), array.getAttr("shape").as(List.class));
                    assertEquals(data.address(), (long) array.getAttr("ctypes").getAttr("data").as(Long.class));
                    py.eval("lambda a: a.__setitem__((1, 2), 42.0)").call(array).close();
                }
                return null;
            });
            assertEquals(42f, data.getAtIndex(ValueLayout.JAVA_FLOAT, 5));
        }
    }

    @Test
    void wrappedReadOnlyMemoryIsReadOnlyInNumpy() {
        MemorySegment data = Arena.ofAuto().allocate(8);
        data.set(ValueLayout.JAVA_LONG, 0, 77);
        try (NDArray wrapped = NDArray.wrap(data.asReadOnly(), DType.INT64, 1)) {
            assertTrue(wrapped.isReadOnly());
            PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> python.withGil(py ->
                    py.eval("lambda a: a.__setitem__(0, 1)").call(wrapped)));
            assertEquals("ValueError", e.pythonType());
            assertArrayEquals(new long[] {77}, wrapped.toLongArray());
        }
    }

    @Test
    void wrapRefusesMemoryThatCouldBeFreedUnderPython() {
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NDArray.wrap(confined.allocate(16), DType.FLOAT32, 4));
            assertTrue(e.getMessage().contains("Arena.ofAuto()"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> NDArray.wrap(shared.allocate(16), DType.FLOAT32, 4));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NDArray.wrap(MemorySegment.ofArray(new float[4]), DType.FLOAT32, 4));
        assertTrue(e.getMessage().contains("heap segment"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NDArray.wrap(Arena.ofAuto().allocate(15), DType.FLOAT32, 2, 2));
        assertEquals("the segment has 15 bytes; a float32 array of shape [2, 2] needs 16", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NDArray.wrap(Arena.ofAuto().allocate(16), DType.FLOAT32, -4));
    }

    @Test
    void numpyKeepsAutomaticMemoryAliveAfterJavaLetsGo() throws InterruptedException {
        WeakReference<MemorySegment> memory = wrapIntoPythonGlobal("kept", 1000);
        // A twin segment nobody holds: once the GC has cleared it, a collection that could have cleared
        // the wrapped one has run, so finding the wrapped one still there means something holds it.
        WeakReference<MemorySegment> twin = new WeakReference<>(Arena.ofAuto().allocate(8000, 8));
        for (int i = 0; i < 100 && twin.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(twin.get(), "the garbage collector ran");
        assertNotNull(memory.get(), "the segment stays reachable while numpy holds the array");
        double sum = python.withGil(py -> py.eval("float(kept[::10].sum() + kept[5:7].sum())").as(Double.class));
        double expected = 0;
        for (int i = 0; i < 1000; i += 10) {
            expected += i;
        }
        assertEquals(expected + 5 + 6, sum);
        python.withGil(py -> {
            py.exec("del kept\nimport gc; gc.collect()");
            return null;
        });
        for (int i = 0; i < 50 && memory.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(memory.get(), "once numpy drops the last view, Java may free the memory");
    }

    @Test
    void wrappedMemoryIsLetGoAtTheEndOfTheScopeWhereNumpyDroppedTheLastView() {
        int before = settledHeldMemory();
        wrapIntoPythonGlobal("held_here", 100);
        assertEquals(before + 1, PythonHeldMemory.count(), "held while a view is in a Python global");
        python.withGil(py -> {
            py.exec("view_of_held = held_here[10:20]\ndel held_here");
            assertEquals(before + 1, PythonHeldMemory.count(), "a second view still holds it");
            py.exec("del view_of_held");
            return null;
        });
        assertEquals(before, PythonHeldMemory.count(), "let go when the scope that dropped the last view ended");
    }

    @Test
    void wrappedMemoryDroppedByAPythonThreadIsLetGoAtTheNextScope() {
        int before = settledHeldMemory();
        wrapIntoPythonGlobal("held_by_thread", 100);
        python.withGil(py -> {
            py.exec("""
                    import threading
                    def _drop():
                        global held_by_thread
                        del held_by_thread
                    _dropper = threading.Thread(target=_drop)
                    _dropper.start()
                    """);
            return null;
        });
        python.withGil(py -> {
            py.exec("_dropper.join()");
            return null;
        });
        python.withGil(py -> null);
        assertEquals(before, PythonHeldMemory.count(), "let go by the next scope after the Python thread dropped it");
    }

    @Test
    void somethingElseInTheListOfReleasedMemoryLetsNothingGoAndLeavesNoError() {
        int before = settledHeldMemory();
        wrapIntoPythonGlobal("beside_junk", 10);
        python.withGil(py -> {
            py.exec("import _pybridge\n_pybridge._released_memory.extend(['junk', None, 2 ** 80])");
            return null;
        });
        assertEquals(before + 1, PythonHeldMemory.count(), "still held");
        assertEquals(45.0, python.withGil(py -> py.eval("float(beside_junk.sum())").as(Double.class)));
        long left = python.withGil(py -> py.eval("len(_pybridge._released_memory)").as(Long.class));
        assertEquals(0, left, "drained");
        python.withGil(py -> {
            py.exec("del beside_junk");
            return null;
        });
        assertEquals(before, PythonHeldMemory.count());
    }

    @Test
    void theHolderOfWrappedMemoryCannotBeCopiedOrPickled() {
        wrapIntoPythonGlobal("not_copied", 10);
        python.withGil(py -> {
            py.exec("holder = not_copied\nwhile isinstance(holder, np.ndarray):\n    holder = holder.base");
            assertEquals("JavaMemory", py.eval("type(holder).__name__").as(String.class));
            for (String copying : List.of("__import__('copy').copy(holder)", "__import__('copy').deepcopy(holder)",
                    "__import__('pickle').dumps(holder)")) {
                PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> py.eval(copying), copying);
                assertTrue(e.getMessage().contains("cannot be copied or pickled"), e.getMessage());
            }
            assertEquals(45.0, py.eval("float(not_copied.sum())").as(Double.class));
            py.exec("del not_copied, holder");
            return null;
        });
    }

    /** How much Java memory Python holds once what other tests dropped has been collected and reported. */
    private static int settledHeldMemory() {
        python.withGil(py -> {
            py.exec("import gc\ngc.collect()");
            return null;
        });
        return PythonHeldMemory.count();
    }

    /** Wraps fresh memory holding 0..n-1 and keeps only a slice-derived view in a Python global. */
    private static WeakReference<MemorySegment> wrapIntoPythonGlobal(String name, int n) {
        MemorySegment data = Arena.ofAuto().allocate(8L * n, 8);
        for (int i = 0; i < n; i++) {
            data.setAtIndex(ValueLayout.JAVA_DOUBLE, i, i);
        }
        try (NDArray wrapped = NDArray.wrap(data, DType.FLOAT64, n)) {
            python.withGil(py -> {
                try (PyObject keep = py.eval("lambda a: globals().__setitem__('" + name + "', a[:])")) {
                    keep.call(wrapped).close();
                }
                return null;
            });
        }
        return new WeakReference<>(data);
    }

    @Test
    void theExporterCannotResizeWhileAnNDArrayIsOpen() {
        python.withGil(py -> {
            py.exec("import array\npinned = array.array('d', [1.0] * 10)");
            try (PyObject pinned = py.eval("pinned"); NDArray view = pinned.as(NDArray.class)) {
                PythonExecutionException e = assertThrows(PythonExecutionException.class,
                        () -> py.exec("pinned.extend([2.0] * 100000)"));
                assertEquals("BufferError", e.pythonType());
                assertEquals(10, view.toDoubleArray().length);
            }
            py.exec("pinned.extend([2.0] * 100000)");
            return null;
        });
    }

    @Test
    void anOpenNDArrayKeepsItsExporterAliveWhenEveryoneElseLetsGo() {
        python.withGil(py -> {
            py.exec("import array, weakref\nexporter = array.array('i', [7, 8, 9])\nexporter_ref = weakref.ref(exporter)");
            NDArray view;
            try (PyObject exporter = py.eval("exporter")) {
                view = exporter.as(NDArray.class);
            }
            py.exec("del exporter\nimport gc; gc.collect()");
            assertTrue(py.eval("exporter_ref() is not None").as(Boolean.class), "the NDArray holds the exporter");
            assertArrayEquals(new int[] {7, 8, 9}, view.toIntArray());
            view.close();
            assertTrue(py.eval("exporter_ref() is None").as(Boolean.class), "closing let the exporter go");
            return null;
        });
    }

    @Test
    void anNDArrayNeverClosedEndsItsExportAfterTheGarbageCollector() throws InterruptedException {
        python.withGil(py -> {
            py.exec("import array\nforgotten = array.array('d', [1.0] * 10)");
            return null;
        });
        WeakReference<NDArray> forgotten = new WeakReference<>(python.withGil(py -> {
            try (PyObject exporter = py.eval("forgotten")) {
                return exporter.as(NDArray.class);
            }
        }));
        for (int i = 0; i < 200 && forgotten.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(forgotten.get(), "the garbage collector reclaimed the NDArray");
        boolean grown = false;
        for (int i = 0; i < 200 && !grown; i++) {
            grown = python.withGil(NDArrayTest::growForgotten);
            Thread.sleep(10);
        }
        assertTrue(grown, "the export ended once the NDArray was reclaimed, so the exporter may grow again");
    }

    /** Whether {@code forgotten} could grow, i.e. no buffer export holds it. */
    private static boolean growForgotten(io.pybridge.Py py) {
        try {
            py.exec("forgotten.extend([2.0] * 100000)");
            return true;
        } catch (PythonExecutionException e) {
            assertEquals("BufferError", e.pythonType());
            return false;
        }
    }

    @Test
    void anExporterWrittenInPythonIsToldWhenTheExportEnds() {
        python.withGil(py -> {
            py.exec(String.join("\n",
                    "import sys",
                    "released = []",
                    "class Exporter:",
                    "    def __init__(self):",
                    "        self.data = bytearray(b'abcd')",
                    "    def __buffer__(self, flags):",
                    "        return memoryview(self.data)",
                    "    def __release_buffer__(self, view):",
                    "        released.append(len(view))",
                    "exporter = Exporter() if sys.version_info >= (3, 12) else bytearray(b'abcd')"));
            try (PyObject exporter = py.eval("exporter"); NDArray view = exporter.as(NDArray.class)) {
                assertArrayEquals(new byte[] {'a', 'b', 'c', 'd'}, view.toByteArray());
                assertEquals(0, py.eval("len(released)").as(Integer.class));
            }
            if (py.eval("sys.version_info >= (3, 12)").as(Boolean.class)) {
                assertEquals(List.of(4L), py.eval("released").as(List.class), "__release_buffer__ ran once");
            }
            return null;
        });
    }

    @Test
    void anyBufferProtocolObjectIsAnNDArray() {
        try (PyObject bytes = eval("b'\\x01\\x02\\x03'"); NDArray array = bytes.as(NDArray.class)) {
            assertEquals(DType.UINT8, array.dtype());
            assertTrue(array.isReadOnly());
            assertArrayEquals(new int[] {1, 2, 3}, array.toIntArray());
        }
        try (PyObject view = eval("memoryview(__import__('array').array('h', [1, -2, 3, -4]))[::2]");
             NDArray array = view.as(NDArray.class)) {
            assertEquals(DType.INT16, array.dtype());
            assertArrayEquals(new long[] {4}, array.strides());
            assertArrayEquals(new long[] {1, 3}, array.toLongArray());
            assertArrayEquals(new byte[] {1, 0, 3, 0}, array.toByteArray());
        }
        try (PyObject half = eval("np.array([[0.5, -2]], dtype=np.float16)"); NDArray array = half.as(NDArray.class)) {
            assertArrayEquals(new float[] {0.5f, -2f}, array.toFloatArray());
            assertEquals("NDArray[float16 (1, 2)]", array.toString());
        }
        try (PyObject scalar = eval("np.float64(2.5)"); NDArray array = scalar.as(NDArray.class)) {
            assertEquals(0, array.ndim());
            assertArrayEquals(new double[] {2.5}, array.toDoubleArray());
            assertEquals(0, array.byteOffset());
        }
    }

    @Test
    void objectsWithoutABufferOrWithAnUnknownDtypeAreRefused() {
        try (PyObject list = eval("[1.0, 2.0]")) {
            PythonConversionException e = assertThrows(PythonConversionException.class, () -> list.as(NDArray.class));
            assertTrue(e.getMessage().contains("buffer protocol") && e.getMessage().contains("got list"), e.getMessage());
        }
        try (PyObject strings = eval("np.array(['a', 'b'])")) {
            PythonConversionException e = assertThrows(PythonConversionException.class, () -> strings.as(NDArray.class));
            assertTrue(e.getMessage().contains("has no DType"), e.getMessage());
        }
    }

    @Test
    void anNDArrayGoesBackToPythonAsTheOriginalObject() {
        python.withGil(py -> {
            try (PyObject original = py.eval("np.arange(3.0)"); NDArray array = original.as(NDArray.class);
                 PyObject back = py.toPython(array)) {
                assertEquals(original, back);
            }
            return null;
        });
    }

    @Test
    void segmentIndexesAreChecked() {
        try (PyObject a = eval("np.zeros((2, 3), dtype=np.float32)"); NDArray array = a.as(NDArray.class)) {
            assertThrows(IndexOutOfBoundsException.class, () -> array.byteOffset(2, 0));
            assertThrows(IllegalArgumentException.class, () -> array.byteOffset(1));
            assertEquals(20, array.byteOffset(1, 2));
        }
    }

    @Test
    void emptyArrays() {
        try (PyObject a = eval("np.zeros((0, 3), dtype=np.float32)"); NDArray array = a.as(NDArray.class)) {
            assertEquals(0, array.segment().byteSize());
            assertArrayEquals(new float[0], array.toFloatArray());
        }
        try (NDArray wrapped = NDArray.wrap(Arena.ofAuto().allocate(0), DType.INT32, 0, 5)) {
            assertArrayEquals(new long[] {0, 5}, wrapped.shape());
        }
    }

    @Test
    void segmentBelongsToTheThreadThatAskedFirst() throws Exception {
        try (PyObject a = eval("np.arange(4, dtype=np.float32)"); NDArray array = a.as(NDArray.class)) {
            MemorySegment mine = array.segment();
            assertSame(mine, array.segment());
            Throwable[] failure = new Throwable[1];
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    array.segment();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            other.join();
            assertInstanceOf(IllegalStateException.class, failure[0]);
            assertTrue(failure[0].getMessage().contains("segment(arena)"), failure[0].getMessage());
        }
    }

    @Test
    void sharedSegmentsOutliveCloseUntilTheirArenaCloses() throws Exception {
        python.withGil(py -> {
            py.exec("import array\nheld = array.array('f', [1.0, 2.0, 3.0])");
            return null;
        });
        Arena shared = Arena.ofShared();
        MemorySegment view;
        try (PyObject held = eval("held"); NDArray array = held.as(NDArray.class)) {
            view = array.segment(shared);
        }
        float[] seen = new float[1];
        Thread reader = Thread.ofPlatform().start(() -> seen[0] = view.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 2));
        reader.join();
        assertEquals(3f, seen[0]);
        PythonExecutionException pinned = assertThrows(PythonExecutionException.class,
                () -> python.withGil(py -> { py.exec("held.extend([0.0] * 100000)"); return null; }));
        assertEquals("BufferError", pinned.pythonType());
        shared.close();
        assertThrows(IllegalStateException.class, () -> view.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0));
        python.withGil(py -> { py.exec("held.extend([0.0] * 100000)"); return null; });
    }

    @Test
    void closingOnAnotherThreadLeavesTheOwnersViewReadable() throws Exception {
        PyObject a = eval("np.arange(5, dtype=np.int64)");
        NDArray array = a.as(NDArray.class);
        MemorySegment view = array.segment();
        Thread closer = Thread.ofPlatform().start(array::close);
        closer.join();
        assertTrue(array.isClosed());
        assertThrows(IllegalStateException.class, array::toLongArray);
        assertEquals(4L, view.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 4), "the data stays pinned while the view lives");
        a.close();
    }

    @Test
    void copiesIntoExistingArrays() {
        try (PyObject a = eval("np.arange(6, dtype=np.int16).reshape(2, 3).T"); NDArray array = a.as(NDArray.class)) {
            float[] floats = new float[8];
            array.copyInto(floats);
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5, 0, 0}, floats);
            long[] longs = new long[6];
            array.copyInto(longs);
            assertArrayEquals(new long[] {0, 3, 1, 4, 2, 5}, longs);
            byte[] bytes = new byte[12];
            array.copyInto(bytes);
            assertArrayEquals(new byte[] {0, 0, 3, 0, 1, 0, 4, 0, 2, 0, 5, 0}, bytes);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> array.copyInto(new int[5]));
            assertTrue(e.getMessage().contains("room for 5"), e.getMessage());
        }
        try (PyObject a = eval("np.zeros(2, dtype=np.int64)"); NDArray array = a.as(NDArray.class)) {
            assertThrows(PythonConversionException.class, () -> array.copyInto(new double[2]));
        }
    }
}
