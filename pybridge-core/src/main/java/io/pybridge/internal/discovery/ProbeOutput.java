package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe script ({@code probe.py}) printed: NUL-terminated {@code key=value} records, the
 * first {@code pybridge-probe=1}, the last {@code end}. NUL is the one byte no path can hold, so
 * values are taken as they are, in the file system's encoding; a key may repeat (one record per
 * {@code sys.path} entry).
 */
final class ProbeOutput {
    static final String HEADER = "pybridge-probe=1";
    static final String END = "end";
    private static final int SHOWN_CHARS = 200;

    private final Map<String, List<String>> records;

    private ProbeOutput(Map<String, List<String>> records) {
        this.records = records;
    }

    /**
     * Reads the probe's standard output.
     *
     * @param pathCharset how the interpreter encoded paths ({@code os.fsencode})
     * @throws ProbeException {@code NOT_PYTHON} when the bytes are not a complete probe answer,
     *                        {@code TOO_OLD} for an interpreter that stopped after its version
     */
    static ProbeOutput parse(byte[] stdout, Charset pathCharset) throws ProbeException {
        List<String> fields = splitOnNul(stdout, pathCharset);
        if (fields.isEmpty() || !fields.getFirst().equals(HEADER)) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "not a Python: running it with the probe script printed " + describe(stdout));
        }
        if (!fields.getLast().equals(END)) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "not a Python, or a broken one: the probe's answer stops after "
                            + (fields.size() - 1) + " records, before its end marker");
        }
        Map<String, List<String>> records = new LinkedHashMap<>();
        for (String field : fields.subList(1, fields.size() - 1)) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                        "not a Python: unexpected record in the probe's answer: " + quote(field));
            }
            String key = field.substring(0, eq);
            List<String> values = records.get(key);
            if (values == null) {
                values = new ArrayList<>(1);
                records.put(key, values);
            }
            values.add(field.substring(eq + 1));
        }
        ProbeOutput output = new ProbeOutput(records);
        PythonVersion version = output.version();
        if (!version.atLeast(3, 6)) {
            // probe.py stops after the version on interpreters that cannot run the rest of it.
            throw new ProbeException(ProbeException.Kind.TOO_OLD, SupportedVersions.problem(version).orElseThrow(),
                    version, null);
        }
        return output;
    }

    PythonVersion version() throws ProbeException {
        String text = required("version");
        try {
            return PythonVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "not a Python: the probe's version is " + quote(text), null, e);
        }
    }

    /** The value of a record that must be there. */
    String required(String key) throws ProbeException {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "not a Python, or a broken one: the probe's answer has no '" + key + "'");
        }
        return value.get();
    }

    /** The value of a record, empty when it is missing or empty (Python's {@code None} prints as empty). */
    Optional<String> optional(String key) {
        List<String> values = records.get(key);
        return values == null || values.getFirst().isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * The value of a record as a path, empty when it is missing or empty.
     *
     * @throws InvalidPathException when this JVM cannot represent it
     */
    Optional<Path> path(String key) {
        Optional<String> value = optional(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value.get()));
    }

    /**
     * Every value of a repeated record as a path, in order.
     *
     * @throws InvalidPathException when this JVM cannot represent one
     */
    List<Path> paths(String key) {
        List<String> values = records.getOrDefault(key, List.of());
        List<Path> paths = new ArrayList<>(values.size());
        for (String value : values) {
            paths.add(Path.of(value));
        }
        return paths;
    }

    /** Every value of a repeated record, in order. */
    List<String> all(String key) {
        return List.copyOf(records.getOrDefault(key, List.of()));
    }

    /** A record holding a Python truth value ({@code 1}, {@code True}) or an integer flag. */
    boolean flag(String key) {
        String value = optional(key).orElse("0");
        return !(value.equals("0") || value.equalsIgnoreCase("false"));
    }

    private static List<String> splitOnNul(byte[] bytes, Charset charset) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                fields.add(new String(bytes, start, i - start, charset));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            fields.add(new String(bytes, start, bytes.length - start, charset));
        }
        return fields;
    }

    /** The first line of what a non-Python printed, for the refusal message. */
    static String describe(byte[] stdout) {
        String text = new String(stdout, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "nothing";
        }
        String firstLine = text.lines().findFirst().orElse("").replace('\0', ' ');
        return quote(firstLine) + (text.contains("\n") ? " (first line)" : "");
    }

    static String quote(String text) {
        String shown = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
        return "'" + shown + "'";
    }
}
