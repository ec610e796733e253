package io.pybridge.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * pytest (and what numpy's {@code conftest.py} needs: hypothesis) for an interpreter that has none: a
 * folder of links to only those pure-Python packages of Debian's {@code python3-pytest} and
 * {@code python3-hypothesis} (and their dependencies), to put on {@code sys.path}. Never the whole
 * {@code dist-packages}, whose compiled modules are built for Debian's Python.
 */
final class PytestSite {
    /** Debian's pure-Python packages; {@code -Dpybridge.parity.dist-packages} names another such folder. */
    static final Path DIST_PACKAGES = Path.of(System.getProperty("pybridge.parity.dist-packages",
            "/usr/lib/python3/dist-packages"));
    /** Needed: pytest and its dependencies, hypothesis and its dependency (numpy's conftest imports it). */
    private static final List<String> REQUIRED = List.of("pytest", "_pytest", "pluggy", "iniconfig", "packaging",
            "attr", "hypothesis", "sortedcontainers");
    /** Linked when present: compatibility shims and plugins of the same packages. */
    private static final List<String> OPTIONAL = List.of("py.py", "attrs", "_hypothesis_pytestplugin.py",
            "_hypothesis_ftz_detector.py", "exceptiongroup", "tomli");

    private PytestSite() {
    }

    /** What is missing for a pytest site, as a sentence; empty when everything is there. */
    static Optional<String> missing() {
        List<String> absent = REQUIRED.stream().filter(name -> !Files.exists(DIST_PACKAGES.resolve(name))).toList();
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("no " + String.join(", ", absent) + " in " + DIST_PACKAGES
                + " (Debian packages python3-pytest and python3-hypothesis)");
    }

    /** pytest's version, from {@code _pytest/_version.py}; "?" when it cannot be read. */
    static String pytestVersion() {
        try {
            java.util.regex.Matcher version = java.util.regex.Pattern.compile("version = '([^']+)'")
                    .matcher(Files.readString(DIST_PACKAGES.resolve("_pytest/_version.py")));
            return version.find() ? version.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    /** Makes the folder of links in {@code dir} (emptied first) and returns it. */
    static Path create(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    Files.delete(entry);   // links only: their targets are left alone
                }
            }
        }
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>(REQUIRED);
        names.addAll(OPTIONAL);
        for (String name : names) {
            Path target = DIST_PACKAGES.resolve(name);
            if (Files.exists(target)) {
                Files.createSymbolicLink(dir.resolve(name), target);
            }
        }
        return dir;
    }
}
