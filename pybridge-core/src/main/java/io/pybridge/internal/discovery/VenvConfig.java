package io.pybridge.internal.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A virtual environment's {@code pyvenv.cfg}, found where Python itself looks for it: beside the
 * interpreter, or one directory up ({@code venv/bin/python} → {@code venv/pyvenv.cfg}).
 *
 * @param file    the {@code pyvenv.cfg}
 * @param home    its {@code home} key: the directory of the base interpreter
 * @param version its {@code version} key, when present ({@code 3.11.2})
 */
record VenvConfig(Path file, Optional<Path> home, Optional<String> version) {

    /** The venv directory. */
    Path directory() {
        return file.getParent();
    }

    /** Where Python looks for {@code pyvenv.cfg} for this interpreter path. */
    static List<Path> locations(Path executable) {
        Path parent = executable.toAbsolutePath().getParent();
        List<Path> locations = new ArrayList<>();
        if (parent != null) {
            locations.add(parent.resolve("pyvenv.cfg"));
            if (parent.getParent() != null) {
                locations.add(parent.getParent().resolve("pyvenv.cfg"));
            }
        }
        return locations;
    }

    /** The {@code pyvenv.cfg} that makes {@code executable} a venv interpreter, if any and readable. */
    static Optional<VenvConfig> find(Path executable) {
        for (Path location : locations(executable)) {
            if (Files.isRegularFile(location)) {
                try {
                    return Optional.of(read(location));
                } catch (IOException | UncheckedIOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static VenvConfig read(Path file) throws IOException {
        Optional<Path> home = Optional.empty();
        Optional<String> version = Optional.empty();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (key.equals("home") && !value.isEmpty()) {
                try {
                    home = Optional.of(Path.of(value));
                } catch (InvalidPathException ignored) {
                    // A home this JVM cannot name cannot be checked either.
                }
            } else if ((key.equals("version") || key.equals("version_info")) && !value.isEmpty()) {
                version = Optional.of(value);
            }
        }
        return new VenvConfig(file, home, version);
    }
}
