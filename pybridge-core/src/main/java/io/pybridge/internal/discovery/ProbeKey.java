package io.pybridge.internal.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identifies one probe answer: the same text means running the probe again would print the same.
 * It names the probe script, the path as given and its real file with size and modification
 * time, a {@code pyvenv.cfg} beside it (recreating a venv changes it), the extra environment,
 * and the inherited {@code PYTHON*} variables (they change {@code sys.path}).
 *
 * @param text       the identity, NUL-separated
 * @param persistent whether the answer may be kept on disk: not for scripts such as pyenv shims,
 *                   whose answer depends on things outside the file ({@code pyenv global}, the
 *                   working directory's {@code .python-version})
 */
record ProbeKey(String text, boolean persistent) {

    static ProbeKey of(Path executable, Map<String, String> extraEnvironment, Map<String, String> inherited)
            throws IOException {
        Path absolute = executable.toAbsolutePath();
        Path real = absolute.toRealPath();
        StringBuilder key = new StringBuilder()
                .append("script=").append(ProbeScript.SHA256).append('\0')
                .append("path=").append(absolute).append('\0')
                .append("real=").append(real).append('\0')
                .append(stamp("file", real));
        for (Path config : VenvConfig.locations(absolute)) {
            if (Files.isRegularFile(config)) {
                key.append(stamp("pyvenv.cfg", config));
            }
        }
        new TreeMap<>(extraEnvironment).forEach((k, v) -> key.append("env.").append(k).append('=').append(v).append('\0'));
        new TreeMap<>(inherited).forEach((k, v) -> {
            if (k.startsWith("PYTHON") && !extraEnvironment.containsKey(k)) {
                key.append("inherited.").append(k).append('=').append(v).append('\0');
            }
        });
        return new ProbeKey(key.toString(), !isScript(real));
    }

    /** The file name of this key's disk entry. */
    String fileName() {
        return sha256(text) + ".probe";
    }

    private static String stamp(String label, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return label + ".size=" + attributes.size() + '\0'
                + label + ".mtime=" + attributes.lastModifiedTime().toInstant() + '\0';
    }

    private static boolean isScript(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
