package io.pybridge.numpy;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        array.close();
        a.close();
    }

    @Test
    void wrapsJavaMemoryWithoutCopy() {
        MemorySegment data = java.lang.foreign.Arena.ofAuto().allocate(4 * 6, 8);
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
}
