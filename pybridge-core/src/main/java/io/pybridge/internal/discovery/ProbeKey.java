package io.pybridge.internal.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Identifies one probe answer: the same text means running the probe again would print the same.
 * It names the probe script, the path as given and its real file with size and modification
 * time, a {@code pyvenv.cfg} beside it (recreating a venv changes it), the extra environment,
 * and the inherited {@code PYTHON*} variables (they change {@code sys.path}). For a pyenv shim it
 * also names what decides the interpreter the shim runs ({@link PyenvShim#facts}).
 *
 * @param text       the identity, NUL-separated
 * @param persistent whether the answer may be kept on disk: not for scripts other than pyenv shims,
 *                   whose answer may depend on anything (a wrapper's own settings, the time of day)
 */
record ProbeKey(String text, boolean persistent) {
    /** How much of a script is read to recognise it; a pyenv shim is a few hundred bytes. */
    private static final int SCRIPT_HEAD = 4096;

    static ProbeKey of(Path executable, Map<String, String> extraEnvironment, Map<String, String> inherited)
            throws IOException {
        return of(executable, extraEnvironment, inherited, Path.of("").toAbsolutePath());
    }

    /** @param workingDirectory where the probe runs (a pyenv shim looks for {@code .python-version} from there) */
    static ProbeKey of(Path executable, Map<String, String> extraEnvironment, Map<String, String> inherited,
                       Path workingDirectory) throws IOException {
        Path absolute = executable.toAbsolutePath();
        Path real = absolute.toRealPath();
        StringBuilder key = new StringBuilder()
                .append("script=").append(ProbeScript.HASH).append('\0')
                .append("path=").append(absolute).append('\0')
                .append("real=").append(real).append('\0')
                .append(stamp("file", real));
        for (Path config : VenvConfig.locations(absolute)) {
            if (Files.isRegularFile(config)) {
                key.append(stamp("pyvenv.cfg", config));
            }
        }
        for (Map.Entry<String, String> variable : new TreeMap<>(extraEnvironment).entrySet()) {
            key.append("env.").append(variable.getKey()).append('=').append(variable.getValue()).append('\0');
        }
        for (Map.Entry<String, String> variable : new TreeMap<>(inherited).entrySet()) {
            String name = variable.getKey();
            if (name.startsWith("PYTHON") && !extraEnvironment.containsKey(name)) {
                key.append("inherited.").append(name).append('=').append(variable.getValue()).append('\0');
            }
        }
        Optional<byte[]> script = scriptHead(real);
        if (script.isEmpty()) {
            return new ProbeKey(key.toString(), true);
        }
        Optional<PyenvShim> shim = PyenvShim.recognize(real, script.get());
        if (shim.isEmpty()) {
            return new ProbeKey(key.toString(), false);
        }
        Map<String, String> environment = new TreeMap<>(inherited);
        environment.putAll(extraEnvironment);
        key.append(shim.get().facts(environment, workingDirectory));
        return new ProbeKey(key.toString(), true);
    }

    /** The file name of this key's disk entry. */
    String fileName() {
        return hash(text) + ".probe";
    }

    /** {@code label.size} and {@code label.mtime} (nanoseconds) of {@code file}, as key lines. */
    static String stamp(String label, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return label + ".size=" + attributes.size() + '\0'
                + label + ".mtime=" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + '\0';
    }

    /** The start of {@code file} when it is a script ({@code #!}), else empty. */
    private static Optional<byte[]> scriptHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            if (start.length < 2 || start[0] != '#' || start[1] != '!') {
                return Optional.empty();
            }
            byte[] rest = in.readNBytes(SCRIPT_HEAD - 2);
            byte[] head = new byte[2 + rest.length];
            head[0] = '#';
            head[1] = '!';
            System.arraycopy(rest, 0, head, 2, rest.length);
            return Optional.of(head);
        }
    }

    /**
     * 128 bits of two 64-bit FNV-1a hashes of {@code text}, in hex: a name for a cache file, whose content
     * holds the whole key and is compared on reading, so a collision costs a probe, never a wrong answer.
     * Not a cryptographic digest, which would cost a JVM start tens of milliseconds of security providers.
     */
    static String hash(String text) {
        long first = 0xcbf29ce484222325L;
        long second = 0x84222325cbf29ce4L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            first = (first ^ c) * 0x100000001b3L;
            second = (second ^ c) * 0x100000001b3L;
            second ^= second >>> 29;
        }
        return HexFormat.of().toHexDigits(first) + HexFormat.of().toHexDigits(second);
    }
}
