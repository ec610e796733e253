package io.pybridge.testing;

import io.pybridge.Python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The interpreter the data-path tests share, with the Python fixtures on its path. */
public final class TestPython {
    private static final String FIXTURES = "/python/data_fixtures.py";

    private TestPython() {
    }

    public static Python start() {
        Python python = Python.start();
        python.addModulePath(fixtures());
        return python;
    }

    /**
     * The folder holding the fixtures module: the test resources folder, or a temporary copy when the
     * tests run from a jar (the core suite is also run against the bundled runtime from its test jar).
     */
    public static synchronized Path fixtures() {
        URL url = TestPython.class.getResource(FIXTURES);
        if (url == null) {
            throw new IllegalStateException(FIXTURES + " is missing from the test class path");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI()).getParent();
            }
            Path folder = Files.createTempDirectory("pybridge-fixtures");
            try (InputStream in = url.openStream()) {
                Files.copy(in, folder.resolve("data_fixtures.py"), StandardCopyOption.REPLACE_EXISTING);
            }
            folder.toFile().deleteOnExit();
            folder.resolve("data_fixtures.py").toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
