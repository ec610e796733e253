package io.pybridge.arrow;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.ChildJvm;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Python.close()} while batches cross in both directions: a root imported from Python stays
 * readable (its memory is never freed once the interpreter is gone), closing it afterwards is harmless,
 * and batches Python holds from Java are released during finalization without hanging or crashing.
 */
class PythonCloseTest {

    @Test
    void batchesOutliveTheInterpreterSafely() {
        ChildJvm.Result result = ChildJvm.of(BatchesAcrossClose.class).name("batches across Python.close()")
                .jvmOption("-Xss8m").jvmOption("--add-opens=java.base/java.nio=ALL-UNNAMED")
                .jvmOption("--sun-misc-unsafe-memory-access=allow").run().assertSucceeded();
        assertTrue(result.output().contains("read after close: 999999000000"), result.tail());
    }

    public static final class BatchesAcrossClose {
        public static void main(String[] args) {
            Python python = Python.start();
            RootAllocator allocator = new RootAllocator();
            ArrowBridge arrow = ArrowBridge.of(python, allocator);
            VectorSchemaRoot fromPython;
            // Large enough that numpy's allocation is its own mapping, unmapped when freed.
            try (PyObject data = python.withGil(py -> py.eval("{'x': __import__('numpy').arange(1_000_000, dtype='float64') * 2.0}"))) {
                fromPython = arrow.toJava(data);
            }
            VectorSchemaRoot toPython = Roots.doubles(allocator, "y", 1, 2, 3);
            try (PyObject batch = arrow.toPython(toPython, PythonForm.NUMPY)) {
                python.withGil(py -> {
                    try (PyObject main = py.importModule("__main__")) {
                        main.setAttr("held_batch", batch);
                    }
                    return null;
                });
            }
            toPython.close();
            python.close();
            Float8Vector x = (Float8Vector) fromPython.getVector("x");
            double sum = 0;
            for (int i = 0; i < x.getValueCount(); i++) {
                sum += x.get(i);
            }
            System.out.println("read after close: " + (long) sum);
            fromPython.close();
            System.out.println("closed after close; Java memory still held by Python: " + allocator.getAllocatedMemory());
        }
    }
}
