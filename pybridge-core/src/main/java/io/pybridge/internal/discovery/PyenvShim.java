package io.pybridge.internal.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pyenv shim ({@code ~/.pyenv/shims/python3}): a script that runs {@code pyenv exec}, which picks the
 * interpreter by pyenv's rules. Its probe answer may be kept on disk like a binary's, under a key naming
 * everything those rules read ({@link #facts}), so that a warm start runs no process:
 * <ol>
 *   <li>{@code PYENV_VERSION}, when set;</li>
 *   <li>else the first {@code .python-version} found from {@code PYENV_DIR} (default: the working
 *       directory) up to the root, then from the working directory up when {@code PYENV_DIR} is another;</li>
 *   <li>else pyenv's global version file, {@code $PYENV_ROOT/version}.</li>
 * </ol>
 * With the version chosen, the installed versions (a prefix such as {@code 3.11} picks the newest
 * {@code 3.11.x}) and the interpreter each named version holds decide which binary runs; {@code system}
 * searches {@code PATH}. The other variables pyenv reads ({@code PYENV_HOOK_PATH}, {@code PYENV_DIR}) and
 * pyenv itself are in the key too. As pyenv reads them (pyenv 2.x, {@code libexec/pyenv-version-file}).
 */
final class PyenvShim {
    /** {@code exec "/home/me/.pyenv/libexec/pyenv" exec "$program" "$@"}: the line that makes a pyenv shim. */
    private static final Pattern EXEC = Pattern.compile("exec\\s+\"([^\"]+)/(?:libexec|bin)/pyenv\"\\s+exec\\s");
    private static final Pattern ROOT = Pattern.compile("export\\s+PYENV_ROOT=\"([^\"]*)\"");
    private static final String VERSION_FILE = ".python-version";
    /** How much of a version file the key holds; pyenv reads its first lines only. */
    private static final int MAX_VERSION_FILE = 64 << 10;

    private final Path root;
    private final Path pyenv;
    private final String program;

    private PyenvShim(Path root, Path pyenv, String program) {
        this.root = root;
        this.pyenv = pyenv;
        this.program = program;
    }

    /**
     * The shim {@code script} is, if it is a pyenv shim.
     *
     * @param head the start of the script's text (the whole of a shim is a few hundred bytes)
     */
    static Optional<PyenvShim> recognize(Path script, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        Matcher exec = EXEC.matcher(text);
        if (!exec.find()) {
            return Optional.empty();
        }
        Matcher root = ROOT.matcher(text);
        Path pyenvRoot = Path.of(root.find() ? root.group(1) : exec.group(1));
        Path fileName = script.getFileName();
        if (fileName == null) {
            return Optional.empty();
        }
        return Optional.of(new PyenvShim(pyenvRoot, Path.of(exec.group(1)), fileName.toString()));
    }

    /**
     * What decides the interpreter this shim runs, as key text: the same text means the shim runs the
     * same interpreter (installed the same way) with the same settings.
     *
     * @param environment the variables the shim would inherit
     * @param workingDirectory where the shim would run
     */
    String facts(Map<String, String> environment, Path workingDirectory) throws IOException {
        StringBuilder key = new StringBuilder();
        line(key, "pyenv.root", root.toString());
        for (String variable : List.of("PYENV_VERSION", "PYENV_DIR", "PYENV_HOOK_PATH", "PATH")) {
            line(key, "pyenv.env." + variable, String.valueOf(environment.get(variable)));
        }
        stamp(key, "pyenv.command", pyenv.resolve("libexec").resolve("pyenv"));
        String version = environment.get("PYENV_VERSION");
        if (version == null || version.isEmpty()) {
            Path file = versionFile(environment, workingDirectory);
            line(key, "pyenv.version-file", file.toString());
            version = read(file);
            line(key, "pyenv.version-file.text", version);
        }
        Path versions = root.resolve("versions");
        List<String> installed = installed(versions);
        line(key, "pyenv.versions", String.join(":", installed));
        for (String name : names(version)) {
            for (String candidate : List.of(name, name.startsWith("python-") ? name.substring(7) : name)) {
                if (candidate.contains("/")) {
                    continue;
                }
                // A prefix ("3.11") picks the newest installed match ("3.11.7"): every match is in the key.
                for (String chosen : installed) {
                    Path interpreter = versions.resolve(chosen).resolve("bin").resolve(program);
                    if ((chosen.equals(candidate) || chosen.startsWith(candidate + ".")) && Files.exists(interpreter)) {
                        stamp(key, "pyenv.interpreter." + chosen, interpreter.toRealPath());
                    }
                }
            }
        }
        return key.toString();
    }

    /** The version file pyenv reads, in its order; the global one when no local one exists. */
    private Path versionFile(Map<String, String> environment, Path workingDirectory) {
        String dirSetting = environment.get("PYENV_DIR");
        Path pyenvDir = dirSetting == null || dirSetting.isEmpty() ? workingDirectory : Path.of(dirSetting);
        Optional<Path> local = findUp(pyenvDir);
        if (local.isEmpty() && !pyenvDir.equals(workingDirectory)) {
            local = findUp(workingDirectory);
        }
        return local.orElse(root.resolve("version"));
    }

    private static Optional<Path> findUp(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(VERSION_FILE);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** A version file's text, as much of it as pyenv could read; "" when absent or unreadable, as pyenv treats it. */
    private static String read(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_VERSION_FILE), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** The version names of a version setting: first word of each line, comments and blank lines skipped, or {@code a:b}. */
    private static List<String> names(String setting) {
        List<String> names = new ArrayList<>();
        for (String line : setting.split("[\r\n]+")) {
            String word = line.strip().split("\\s+", 2)[0];
            if (word.isEmpty() || word.startsWith("#")) {
                continue;
            }
            for (String name : word.split(":")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<String> installed(Path versions) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(versions)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(versions)) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            }
        }
        names.sort(null);
        return names;
    }

    private static void line(StringBuilder key, String label, String value) {
        key.append(label).append('=').append(value).append('\0');
    }

    private static void stamp(StringBuilder key, String label, Path file) throws IOException {
        if (Files.exists(file)) {
            key.append(ProbeKey.stamp(label, file));
        } else {
            line(key, label, "absent");
        }
    }
}
