package io.pybridge.internal.capi;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a start costs in downcall stubs: the first stub of each shape costs a JVM some 5 ms, so the shapes
 * a fresh JVM needs to start Python, import a module, call a function with ints and read the result are
 * few on purpose. A change that adds one to that path fails here; if it must, raise the count knowingly
 * and say in docs/performance.md what the start pays for it.
 */
class DowncallShapesTest {
    private static final int SHAPES_OF_A_START = 2;

    @Test
    void aStartImportAndFirstCallMakeFewStubShapes() {
        String output = ChildJvm.of(FirstCall.class).name("start, import, first call").run().assertSucceeded().output();
        String line = output.lines().filter(l -> l.startsWith("shapes ")).findFirst().orElseThrow(
                () -> new AssertionError("the child printed no shapes:\n" + output));
        String[] shapes = line.substring("shapes ".length()).split("; ");
        assertTrue(shapes.length <= SHAPES_OF_A_START, "a start made " + shapes.length + " stub shapes, at most "
                + SHAPES_OF_A_START + " expected: " + line);
    }

    public static final class FirstCall {
        public static void main(String[] args) throws Exception {
            Path folder = Files.createTempDirectory("shapes");
            Files.writeString(folder.resolve("shapes_target.py"), "def add(a, b):\n    return a + b\n");
            Python python = Python.builder().modulePath(folder).start();
            long sum = python.withGil(py -> {
                try (PyObject module = py.importModule("shapes_target"); PyObject result = module.callMethod("add", 1, 2)) {
                    return result.as(Long.class);
                }
            });
            if (sum != 3) {
                throw new AssertionError("add(1, 2) gave " + sum);
            }
            Set<String> shapes = DowncallShapes.made();
            System.out.println("shapes " + String.join("; ", shapes));
        }
    }
}
