package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** exec and eval run in {@code __main__}'s globals; Python code may replace {@code sys.modules['__main__']}. */
class MainModuleTest {

    @Test
    void replacingTheMainModuleLeavesExecAndEvalWorking() {
        ChildJvm.Result result = ChildJvm.of(ReplaceMain.class).name("sys.modules['__main__'] replaced").run()
                .assertSucceeded();
        assertTrue(result.output().contains("after replacing __main__: 1001 1001 1001"), result.output());
    }

    public static final class ReplaceMain {
        public static void main(String[] args) {
            Python python = Python.start();
            python.withGil(py -> {
                py.exec("import sys, types\nsys.modules['__main__'] = types.ModuleType('other')\nimport gc; gc.collect()");
                return null;
            });
            StringBuilder out = new StringBuilder("after replacing __main__:");
            for (int i = 0; i < 3; i++) {
                long n = python.withGil(py -> {
                    py.exec("x = [1] * 1000\ny = {'k': x}");
                    return py.eval("len(y['k']) + 1").as(Long.class);
                });
                out.append(' ').append(n);
            }
            System.out.println(out);
        }
    }
}
