package io.pybridge.cli;

import io.pybridge.Python;
import io.pybridge.internal.discovery.DiscoveryRequest;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --python PATH} or {@code --bundled}: which Python to embed, chosen as
 * {@code Python.builder().executable(PATH)} and {@code .bundled()} choose. Used as an exclusive
 * argument group, so it is {@code null} when neither is given: then discovery looks in the usual order.
 */
final class RuntimeChoice {
    static final String PYTHON_OPTION = "--python";
    static final String BUNDLED_OPTION = "--bundled";

    @Option(names = PYTHON_OPTION, paramLabel = "PATH", required = true,
            description = "Embed this interpreter: a python executable, or a venv or conda folder. "
                    + "If it cannot serve, that is the answer: no other Python is tried.")
    Path executable;

    @Option(names = BUNDLED_OPTION, required = true,
            description = "Embed the bundled CPython 3.14 with numpy (module pybridge-python), "
                    + "unpacked on first use into the per-user cache ($PYBRIDGE_CACHE to move it).")
    boolean bundled;

    /** What discovery is asked for, naming the option in its report. */
    static DiscoveryRequest request(RuntimeChoice choice) {
        if (choice == null) {
            return DiscoveryRequest.automatic();
        }
        if (choice.executable != null) {
            return DiscoveryRequest.ofExecutable(choice.executable, "option " + PYTHON_OPTION);
        }
        return DiscoveryRequest.onlyBundled("option " + BUNDLED_OPTION);
    }

    /** A builder that makes the same choice. */
    static Python.Builder builder(RuntimeChoice choice) {
        Python.Builder builder = Python.builder();
        if (choice != null && choice.executable != null) {
            builder.executable(choice.executable);
        } else if (choice != null) {
            builder.bundled();
        }
        return builder;
    }
}
