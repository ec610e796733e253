package io.pybridge.numpy;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonImportException;

import java.lang.foreign.Arena;
import java.util.Arrays;

/**
 * Runs in a child JVM (see {@link WithoutNumpyTest}) whose interpreter cannot import numpy, and prints
 * what the array conversions give there, one line per case.
 */
public final class WithoutNumpyMain {
    public static void main(String[] args) {
        Python python = Python.start();
        python.withGil(py -> {
            // Python's own way to make a module unimportable: import then raises ModuleNotFoundError.
            py.exec("import sys\nsys.modules['numpy'] = None");
            try (PyObject describe = py.eval("lambda v: f'{type(v).__name__} {v.format} {v.shape} {v.tolist()}'")) {
                print("float[]", describe.call(new float[] {1.5f, -2f}).as(String.class));
                print("int[][]", describe.call((Object) new int[][] {{1, 2, 3}, {4, 5, 6}}).as(String.class));
                print("boolean[]", describe.call(new boolean[] {true, false}).as(String.class));
                print("long[0][]", describe.call((Object) new long[0][]).as(String.class));
            }
            try (PyObject floats = py.eval("__import__('array').array('f', [0.5, 1.5])");
                 PyObject grid = py.eval("memoryview(bytes(range(6))).cast('B', [2, 3])")) {
                print("as(float[])", Arrays.toString(floats.as(float[].class)));
                print("as(int[][])", Arrays.deepToString(grid.as(int[][].class)));
                try (NDArray array = grid.as(NDArray.class)) {
                    print("NDArray", array + " " + Arrays.toString(array.toIntArray()));
                }
            }
            return null;
        });
        try {
            NDArray.wrap(Arena.ofAuto().allocate(16), DType.FLOAT32, 4);
            System.out.println("FAILED: NDArray.wrap worked without numpy");
            System.exit(1);
        } catch (PythonImportException e) {
            print("wrap", e.getMessage());
        }
    }

    private static void print(String what, String result) {
        System.out.println(what + " -> " + result);
    }
}
