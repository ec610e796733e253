package io.pybridge.cli;

import io.pybridge.Py;
import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonException;

import java.util.Optional;

/**
 * What the interpreter says about itself once started in this process: the real test that the
 * bridge works, where probing only ran it as a separate program.
 *
 * @param sysVersion   {@code sys.version}, on one line
 * @param numpyVersion {@code numpy.__version__}, when numpy imports
 * @param numpy        what to show for numpy: {@code "2.4.6 at /.../numpy"}, or why it is absent
 */
record EmbeddedCheck(String sysVersion, Optional<String> numpyVersion, String numpy) {

    /** Asks the running interpreter. Python exceptions about numpy are part of the answer, not failures. */
    static EmbeddedCheck of(Python python) {
        return python.withGil(py -> {
            String version;
            try (PyObject sys = py.importModule("sys"); PyObject text = sys.getAttr("version")) {
                version = OneLine.of(text.as(String.class)).replace(" / ", " ");
            }
            return numpy(py, version);
        });
    }

    private static EmbeddedCheck numpy(Py py, String version) {
        try (PyObject numpy = py.importModule("numpy");
             PyObject numpyVersion = numpy.getAttr("__version__")) {
            String numpyText = numpyVersion.as(String.class);
            String location = "";
            try (PyObject file = numpy.getAttr("__file__")) {
                Object path = file.as(Object.class);
                if (path instanceof String text) {
                    location = " at " + text.replaceFirst("[/\\\\]__init__\\.py$", "");
                }
            }
            return new EmbeddedCheck(version, Optional.of(numpyText), numpyText + location);
        } catch (PythonException e) {
            boolean missing = "ModuleNotFoundError".equals(e.pythonType()) && e.pythonMessage() != null
                    && e.pythonMessage().contains("'numpy'");
            String reason = Failures.pythonLine(e);
            return new EmbeddedCheck(version, Optional.empty(),
                    (missing ? "absent (" : "cannot be imported (") + reason + ")");
        }
    }
}
