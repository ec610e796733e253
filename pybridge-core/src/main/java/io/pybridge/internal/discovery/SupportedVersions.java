package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;

import java.util.Optional;

/** The CPython versions PyBridge embeds, and the words for one it does not. */
final class SupportedVersions {
    static final PythonVersion OLDEST = new PythonVersion(3, 11, 0);
    static final PythonVersion NEWEST = new PythonVersion(3, 14, 0);
    static final String RANGE = "CPython " + OLDEST.major() + "." + OLDEST.minor() + " to "
            + NEWEST.major() + "." + NEWEST.minor();

    private SupportedVersions() {
    }

    /** Why {@code version} cannot be embedded, or empty when it can. */
    static Optional<String> problem(PythonVersion version) {
        if (!version.atLeast(OLDEST.major(), OLDEST.minor())) {
            return Optional.of("Python " + version + " is too old: PyBridge supports " + RANGE);
        }
        if (version.atLeast(NEWEST.major(), NEWEST.minor() + 1)) {
            return Optional.of("Python " + version + " is newer than PyBridge supports (" + RANGE + ")");
        }
        return Optional.empty();
    }
}
