package io.pybridge.ml;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.numpy.DType;
import io.pybridge.numpy.NDArray;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small PyTorch model end to end: input from Java memory, output read back without a copy through
 * numpy, then the registry frees the model. Runs where torch is importable (CI installs Debian's
 * python3-torch for /usr/bin/python3.11); elsewhere it is skipped with the reason.
 */
class TorchEndToEndTest {
    private static final int BATCH = 4;
    private static final int FEATURES = 8;

    @Test
    void torchModelFromJavaMemoryAndBackWithoutACopy() {
        Python python = Python.start();
        String torch = python.withGil(py -> py.eval(
                "(lambda s: s.__version__ if s else '')(__import__('importlib.util').util.find_spec('torch') and __import__('torch'))")
                .as(String.class));
        if (torch.isEmpty()) {
            System.out.println("TorchEndToEndTest skipped: torch is not importable in " + python.runtime().executable());
        }
        assumeTrue(!torch.isEmpty(), "torch is not importable in " + python.runtime().executable());

        python.withGil(py -> {
            py.exec("""
                    import torch, numpy, weakref
                    torch_models = []
                    def load_linear():
                        model = torch.nn.Linear(8, 2, bias=False)
                        with torch.no_grad():
                            model.weight.copy_(torch.tensor([[1.0] * 8, [float(i) for i in range(8)]]))
                        torch_models.append(weakref.ref(model))
                        return model
                    def infer(model, batch):
                        with torch.no_grad():
                            return model(torch.from_numpy(numpy.asarray(batch))).numpy()
                    """);
            return null;
        });
        ModelRegistry registry = ModelRegistry.builder(python).build();
        registry.define("linear", ModelSource.callable(python.withGil(py -> py.eval("load_linear"))));

        MemorySegment input = Arena.ofAuto().allocate((long) BATCH * FEATURES * Float.BYTES, 64);
        for (int i = 0; i < BATCH * FEATURES; i++) {
            input.setAtIndex(ValueLayout.JAVA_FLOAT, i, i % FEATURES + i / FEATURES);
        }
        try (PyObject model = registry.get("linear");
             NDArray batch = NDArray.wrap(input, DType.FLOAT32, BATCH, FEATURES);
             PyObject infer = python.withGil(py -> py.eval("infer"));
             NDArray output = infer.call(model, batch).as(NDArray.class)) {
            assertEquals(DType.FLOAT32, output.dtype());
            assertEquals(BATCH * 2L, output.size());
            MemorySegment view = output.segment();
            for (int row = 0; row < BATCH; row++) {
                float sum = 0;
                float weighted = 0;
                for (int j = 0; j < FEATURES; j++) {
                    float x = j + row;
                    sum += x;
                    weighted += j * x;
                }
                assertEquals(sum, view.getAtIndex(ValueLayout.JAVA_FLOAT, row * 2L), 1e-4);
                assertEquals(weighted, view.getAtIndex(ValueLayout.JAVA_FLOAT, row * 2L + 1), 1e-3);
            }
        }
        registry.unload("linear");
        assertTrue((boolean) python.withGil(py -> py.eval("all(ref() is None for ref in torch_models)").as(Boolean.class)),
                "the registry dropped the torch model");
    }
}
