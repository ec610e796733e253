package io.pybridge;

import io.pybridge.internal.runtime.Interpreter;

import java.nio.file.Files;
import java.nio.file.Path;

/** Puts module folders at the front of {@code sys.path}, once each. */
final class ModulePathList {

    static Path requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("module path " + dir.toAbsolutePath()
                    + " is not a directory (it was to be added to sys.path)");
        }
        return dir;
    }

    void add(Python python, Path dir) {
        requireDirectory(dir);
        String entry = ModulePaths.normalize(dir.toAbsolutePath().normalize().toString());
        if (!Interpreter.isRunning()) {
            throw Interpreter.notRunning();
        }
        python.withGil(py -> {
            try (PyObject sys = py.importModule("sys");
                     PyObject path = sys.getAttr("path");
                     PyObject present = path.callMethod("__contains__", entry)) {
                    if (!present.as(Boolean.class)) {
                        path.callMethod("insert", 0, entry).close();
                        // A finder cached for this folder from an earlier time on the path may not list
                        // files added since: drop it. Not importlib.invalidate_caches(): on 3.12+ it
                        // imports importlib.metadata, 270 ms at start-up on 3.14.
                        try (PyObject finders = sys.getAttr("path_importer_cache")) {
                            finders.callMethod("pop", entry, null).close();
                        }
                    }
                }
            return null;
        });
    }
}
