package io.pybridge.testing;

import io.pybridge.Python;

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

    /** The folder holding the fixture modules; see {@link Fixtures#resourceDir()}. */
    public static Path fixtures() {
        return Fixtures.resourceDir();
    }
}
