package io.pybridge.arrow.internal;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code pybridge_arrow} package inside the interpreter. Its sources are read from this jar and
 * served to Python by a small import hook ({@code source_finder.py}), so nothing is unpacked to disk and
 * tracebacks still show the source lines. Python code may {@code import pybridge_arrow} once this has run.
 */
public final class PythonPackage {
    /** The package's files, in {@code src/main/python/pybridge_arrow} (a test checks the list is complete). */
    public static final List<String> FILES = List.of("__init__.py", "_batch.py", "_cdata.py", "_columns.py",
            "_export.py", "_java.py", "_pandas.py", "_schema.py", "_types.py");
    private static final String ROOT = "pybridge_arrow";
    private static final String RESOURCES = "/io/pybridge/arrow/python/";
    private static final AtomicReference<PyObject> MODULE = new AtomicReference<>();

    private PythonPackage() {
    }

    /**
     * The imported package, loading it on first use. No Java lock is held around the GIL (a caller may
     * already hold the GIL): two threads may both load it, which the import hook makes harmless.
     */
    public static PyObject module(Python python) {
        PyObject module = MODULE.get();
        if (module != null) {
            return module;
        }
        PyObject loaded = load(python);
        if (MODULE.compareAndSet(null, loaded)) {
            return loaded;
        }
        loaded.close();
        return MODULE.get();
    }

    private static PyObject load(Python python) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : FILES) {
            sources.put(ROOT + "/" + file, resource(RESOURCES + ROOT + "/" + file));
        }
        String finder = resource("source_finder.py");
        String origin = "pybridge-arrow.jar";
        return python.withGil(py -> {
            try (PyObject builtins = py.importModule("builtins");
                 PyObject namespace = py.toPython(new HashMap<String, Object>());
                 PyObject code = builtins.callMethod("compile", finder, origin + "!/io/pybridge/arrow/internal/source_finder.py",
                         "exec")) {
                builtins.callMethod("exec", code, namespace).close();
                try (PyObject install = namespace.getItem("install")) {
                    return install.call(ROOT, sources, origin);
                }
            }
        });
    }

    private static String resource(String name) {
        try (InputStream in = PythonPackage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("pybridge-arrow's Python source " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pybridge-arrow's Python source " + name, e);
        }
    }
}
