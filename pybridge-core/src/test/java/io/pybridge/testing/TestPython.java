package io.pybridge.testing;

import io.pybridge.Python;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The interpreter the data-path tests share, with the Python fixtures on its path. */
public final class TestPython {
    private TestPython() {
    }

    public static Python start() {
        Python python = Python.start();
        python.addModulePath(fixtures());
        return python;
    }

    public static Path fixtures() {
        try {
            return Path.of(TestPython.class.getResource("/python/data_fixtures.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
