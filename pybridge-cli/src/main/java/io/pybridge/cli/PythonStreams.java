package io.pybridge.cli;

import io.pybridge.Py;
import io.pybridge.PyObject;
import io.pybridge.PythonException;

import java.util.List;

/**
 * Flushes Python's {@code sys.stdout} and {@code sys.stderr}. Python buffers them when they are not
 * a terminal; without a flush, what the called code printed would come out after the result the
 * command prints, or be lost if the process ends without finalizing Python.
 */
final class PythonStreams {
    private PythonStreams() {
    }

    static void flush(Py py) {
        try (PyObject sys = py.importModule("sys")) {
            for (String name : List.of("stdout", "stderr")) {
                try (PyObject stream = sys.getAttr(name)) {
                    if (!stream.typeName().equals("NoneType") && stream.hasAttr("flush")) {
                        stream.callMethod("flush").close();
                    }
                } catch (PythonException e) {
                    // The code replaced the stream with something that cannot flush: its output is its own affair.
                }
            }
        }
    }
}
