package io.pybridge.internal.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Python source the probe runs ({@code probe.py} beside this class). */
final class ProbeScript {
    static final String TEXT = load();
    /** Part of every cache key: a changed script must not be answered from an old cache entry. */
    static final String HASH = ProbeKey.hash(TEXT);

    private ProbeScript() {
    }

    private static String load() {
        try (InputStream in = ProbeScript.class.getResourceAsStream("probe.py")) {
            if (in == null) {
                throw new IllegalStateException("probe.py is missing from the pybridge-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe.py from the pybridge-core jar", e);
        }
    }
}
