package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A venv made with {@code python -m venv --without-pip}, embedded through its own {@code bin/python}:
 * its site-packages are importable, the base interpreter's are not (as for the real executable).
 */
class VirtualEnvTest {

    @Test
    void embeddedVenvSeesItsOwnPackagesOnly(@TempDir Path dir) throws Exception {
        Path base = Path.of(Python.start().runtime().executable().toString());
        Path venv = dir.resolve("venv");
        Process make = new ProcessBuilder(base.toString(), "-m", "venv", "--without-pip", venv.toString())
                .redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes());
        assertTrue(make.waitFor(120, TimeUnit.SECONDS) && make.exitValue() == 0, "venv creation failed: " + output);
        Path sitePackages = Files.walk(venv.resolve("lib"), 2)
                .filter(p -> p.getFileName().toString().equals("site-packages")).findFirst().orElseThrow();
        Files.writeString(sitePackages.resolve("only_in_venv.py"), "ANSWER = 42\n");

        ChildJvm.Result result = ChildJvm.run(EmbedVenv.class, Map.of("pybridge.python", ""),
                venv.resolve("bin").resolve("python").toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("venv package: 42"), result.output());
        assertTrue(result.output().contains("prefix is the venv: true"), result.output());
        assertTrue(result.output().contains("base numpy hidden: true"), result.output());
    }

    public static final class EmbedVenv {
        public static void main(String[] args) throws IOException {
            Path venvPython = Path.of(args[0]);
            Python python = Python.builder().executable(venvPython).start();
            python.withGil(py -> {
                System.out.println("venv package: " + py.importModule("only_in_venv").getAttr("ANSWER").as(Long.class));
                String prefix = py.eval("__import__('sys').prefix").as(String.class);
                System.out.println("prefix is the venv: " + Path.of(prefix).equals(venvPython.getParent().getParent()));
                boolean hidden;
                try {
                    py.importModule("numpy");
                    hidden = false;
                } catch (PythonImportException e) {
                    hidden = true;
                }
                System.out.println("base numpy hidden: " + hidden);
                return null;
            });
            System.out.println("venv runtime: " + python.runtime());
        }
    }
}
