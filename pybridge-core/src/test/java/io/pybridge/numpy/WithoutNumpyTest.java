package io.pybridge.numpy;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Array copies where numpy cannot be imported: memoryview instead, and a clear message where numpy is needed. */
class WithoutNumpyTest {

    @Test
    void copiesWorkThroughMemoryviewAndWrapSaysItNeedsNumpy() throws Exception {
        ChildJvm.Result result = ChildJvm.run(WithoutNumpyMain.class);
        String output = result.output();
        assertEquals(0, result.exitCode(), output);
        assertTrue(output.contains("float[] -> memoryview f (2,) [1.5, -2.0]"), output);
        assertTrue(output.contains("int[][] -> memoryview i (2, 3) [[1, 2, 3], [4, 5, 6]]"), output);
        assertTrue(output.contains("boolean[] -> memoryview ? (2,) [True, False]"), output);
        assertTrue(output.contains("long[0][] -> memoryview q (0,) []"), output);
        assertTrue(output.contains("as(float[]) -> [0.5, 1.5]"), output);
        assertTrue(output.contains("as(int[][]) -> [[0, 1, 2], [3, 4, 5]]"), output);
        assertTrue(output.contains("NDArray -> NDArray[uint8 (2, 3)] [0, 1, 2, 3, 4, 5]"), output);
        assertTrue(output.contains("wrap -> NDArray.wrap needs numpy, which the embedded Python ("), output);
        assertTrue(output.contains("cannot import: ModuleNotFoundError: import of numpy halted; None in sys.modules; "
                + "install it into that Python"), output);
    }
}
