package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.testing.TestPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayConversionTest {
    static Python python;

    @BeforeAll
    static void start() {
        python = TestPython.start();
        python.withGil(py -> {
            py.exec("import numpy as np, array");
            return null;
        });
    }

    private static <T> T eval(String expression, Class<T> type) {
        return python.withGil(py -> {
            try (PyObject value = py.eval(expression)) {
                return value.as(type);
            }
        });
    }

    /** {@code value} in Python, described by {@code describe}: e.g. "float32 (3,) [1.0, 2.0, 3.0]". */
    private static String inPython(Object value) {
        return python.withGil(py -> {
            try (PyObject describe = py.eval("lambda a: f'{a.dtype} {a.shape} {a.tolist()}'");
                 PyObject described = describe.call(value)) {
                return described.as(String.class);
            }
        });
    }

    @Test
    void javaArraysBecomeNumpyArraysOfTheMatchingDtype() {
        assertEquals("float32 (3,) [1.5, -2.0, 3.0]", inPython(new float[] {1.5f, -2f, 3f}));
        assertEquals("float64 (2,) [0.1, 1e+300]", inPython(new double[] {0.1, 1e300}));
        assertEquals("int32 (2,) [-2147483648, 2147483647]", inPython(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}));
        assertEquals("int64 (1,) [9223372036854775807]", inPython(new long[] {Long.MAX_VALUE}));
        assertEquals("int16 (2,) [-1, 7]", inPython(new short[] {-1, 7}));
        assertEquals("uint16 (2,) [65, 65535]", inPython(new char[] {'A', '\uffff'}));
        assertEquals("bool (3,) [True, False, True]", inPython(new boolean[] {true, false, true}));
        assertEquals("float32 (0,) []", inPython(new float[0]));
    }

    @Test
    void nestedJavaArraysKeepTheirShape() {
        assertEquals("float32 (2, 3) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]",
                inPython(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals("int32 (2, 1, 2) [[[1, 2]], [[3, 4]]]", inPython(new int[][][] {{{1, 2}}, {{3, 4}}}));
        assertEquals("float64 (0, 0) []", inPython(new double[0][]));
    }

    @Test
    void raggedOrNullRowsAreRefused() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> inPython(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("argument 1[1]: rows of different lengths"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> inPython(new int[][] {{1}, null}));
        assertEquals("argument 1[1]", e.path());
    }

    @Test
    void byteArraysStayBytes() {
        assertEquals("b'\\x01\\xff'", python.withGil(py -> py.toPython(new byte[] {1, -1}).repr()));
        assertEquals("[b'a', b'']", python.withGil(py -> py.toPython(new byte[][] {{'a'}, {}}).repr()));
    }

    @Test
    void numpyArraysOfTheSameOrLosslessDtypeBecomeJavaArrays() {
        assertArrayEquals(new float[] {0, 0.5f, 1}, eval("np.linspace(0, 1, 3, dtype=np.float32)", float[].class));
        assertArrayEquals(new float[] {1, -2}, eval("np.array([1, -2], dtype=np.int16)", float[].class));
        assertArrayEquals(new float[] {0.5f, 65504f}, eval("np.array([0.5, 65504], dtype=np.float16)", float[].class));
        assertArrayEquals(new double[] {0.1f, 3}, eval("np.array([0.1, 3], dtype=np.float32)", double[].class));
        assertArrayEquals(new double[] {4294967295.0}, eval("np.array([2**32 - 1], dtype=np.uint32)", double[].class));
        assertArrayEquals(new long[] {4294967295L, 1}, eval("np.array([2**32 - 1, 1], dtype=np.uint32)", long[].class));
        assertArrayEquals(new int[] {255, 0}, eval("np.array([255, 0], dtype=np.uint8)", int[].class));
        assertArrayEquals(new short[] {-5}, eval("np.array([-5], dtype=np.int8)", short[].class));
        assertArrayEquals(new char[] {65535}, eval("np.array([65535], dtype=np.uint16)", char[].class));
        assertArrayEquals(new boolean[] {true, false}, eval("np.array([True, False])", boolean[].class));
        assertArrayEquals(new double[] {1, 0}, eval("np.array([True, False])", double[].class));
    }

    @Test
    void lossyOrForeignDtypesAreRefusedNamingBothTypes() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("np.zeros(2)", float[].class));
        assertTrue(e.getMessage().startsWith("cannot convert a float64 array to float[] without loss"), e.getMessage());
        assertTrue(e.getMessage().contains("astype('float32')"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("np.zeros(2, dtype=np.int64)", double[].class));
        assertTrue(e.getMessage().contains("int64 array to double[]"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("np.zeros(2, dtype=np.uint64)", long[].class));
        assertTrue(e.getMessage().contains("uint64 array to long[]"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("np.zeros(2, dtype=np.float32)", int[].class));
        assertTrue(e.getMessage().contains("float32 array to int[]"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("np.zeros(2, dtype=np.complex64)", float[].class));
        assertTrue(e.getMessage().contains("buffer format 'Zf'"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("np.zeros(2, dtype='>f4')", float[].class));
        assertTrue(e.getMessage().contains("big-endian"), e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("'text'", float[].class));
        assertTrue(e.getMessage().contains("got str"), e.getMessage());
    }

    @Test
    void dimensionsMustMatch() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("np.zeros((2, 3), dtype=np.float32)", float[].class));
        assertEquals("expected a 1-dimensional array for float[], got a float32 array of shape (2, 3)", e.getMessage());
        e = assertThrows(PythonConversionException.class, () -> eval("np.zeros(3, dtype=np.float32)", float[][].class));
        assertTrue(e.getMessage().contains("expected a 2-dimensional array for float[][]"), e.getMessage());
    }

    @Test
    void multiDimensionalArraysComeBackInCOrderWhateverTheirLayout() {
        float[][] expected = {{0, 1, 2}, {3, 4, 5}};
        assertArrayEquals(expected, eval("np.arange(6, dtype=np.float32).reshape(2, 3)", float[][].class));
        assertArrayEquals(expected, eval("np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))",
                float[][].class));
        assertArrayEquals(new float[][] {{0, 2, 4}, {1, 3, 5}}, eval("np.arange(6, dtype=np.float32).reshape(3, 2).T",
                float[][].class));
        assertArrayEquals(new double[][] {{5, 3, 1}}, eval("np.arange(6.0)[None, ::-2]", double[][].class));
        assertArrayEquals(new int[][] {{0, 2}, {8, 10}}, eval("np.arange(16, dtype=np.int32).reshape(4, 4)[::2, ::2]",
                int[][].class));
    }

    @Test
    void otherBuffersAndSequencesWork() {
        assertArrayEquals(new float[] {1.5f, 2.5f}, eval("array.array('f', [1.5, 2.5])", float[].class));
        assertArrayEquals(new double[] {1.5, 2.5}, eval("memoryview(array.array('d', [1.5, 2.5]))", double[].class));
        assertArrayEquals(new int[] {1, 255}, eval("b'\\x01\\xff'", int[].class));
        assertArrayEquals(new double[] {1, 2.5}, eval("[1, 2.5]", double[].class));
        assertArrayEquals(new float[][] {{1, 2}, {3, 4}}, eval("[[1, 2], (3, 4)]", float[][].class));
        assertArrayEquals(new String[] {"a", "b"}, eval("('a', 'b')", String[].class));
        PythonConversionException e = assertThrows(PythonConversionException.class, () -> eval("[1, 'x']", int[].class));
        assertEquals("[1]: expected int, got str", e.getMessage());
    }

    @Test
    void numpyResultsAsListsStillWork() {
        List<Double> values = python.withGil(py -> py.eval("np.array([0.5, 1.5], dtype=np.float32)")
                .as(new TypeRef<List<Double>>() { }));
        assertEquals(List.of(0.5, 1.5), values);
    }

    @Test
    void largeArraysCopyBothWays() {
        float[] large = new float[2_000_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = i * 0.25f;
        }
        float[] back = python.withGil(py -> {
            try (PyObject array = py.toPython(large); PyObject twice = array.callMethod("__mul__", 2)) {
                assertEquals(0.25 * large.length * (large.length - 1) / 2,
                        array.getAttr("sum").callKw(java.util.Map.of("dtype", "float64")).as(Double.class));
                return twice.as(float[].class);
            }
        });
        for (int i = 0; i < large.length; i += 99_991) {
            assertEquals(large[i] * 2, back[i]);
        }
    }
}
