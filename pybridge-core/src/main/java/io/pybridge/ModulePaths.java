package io.pybridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finds the folder that holds an application's Python package, to put on {@code sys.path}
 * ({@code Python.addModulePath}, {@code Python.builder().modulePath(...)}), and writes paths the
 * way Python should see them.
 *
 * <p>The typical use looks in a few places relative to where the application may be started:
 * <pre>{@code
 * Path dir = ModulePaths.find("embedders", Path.of("python"), Path.of("../python"), installDir.resolve("python"));
 * }</pre>
 */
public final class ModulePaths {
    private static final String EXTENDED_PREFIX = "\\\\?\\";
    private static final String EXTENDED_UNC_PREFIX = "\\\\?\\UNC\\";
    private static final Pattern DRIVE_PATH = Pattern.compile("[A-Za-z]:(\\\\.*)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*");

    private ModulePaths() {
    }

    /**
     * The first candidate folder that holds the regular package {@code packageName}, that is,
     * {@code <candidate>/<packageName>/__init__.py}, returned canonical (absolute, symbolic links
     * resolved) with a Windows {@code \\?\} prefix removed, ready for {@code sys.path}.
     *
     * <p>A dotted name ({@code "acme.models"}) is looked up as nested folders
     * ({@code <candidate>/acme/models/__init__.py}), and the candidate returned is still the folder
     * that goes on {@code sys.path}. Only the last level must have an {@code __init__.py}: the
     * outer levels may be namespace packages. Relative candidates are resolved against the
     * working directory.
     *
     * @throws IllegalArgumentException when {@code packageName} is not a dotted Python identifier,
     *                                  or no candidates are given
     * @throws PythonImportException    when no candidate holds the package; the message lists each
     *                                  candidate and what it lacked
     */
    public static Path find(String packageName, Path... candidates) {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(candidates, "candidates");
        String[] parts = packageName.split("\\.", -1);
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException("not a Python package name: '" + packageName + "'");
            }
        }
        if (candidates.length == 0) {
            throw new IllegalArgumentException("no candidate folders given to look for package '" + packageName + "' in");
        }
        Path relativeInit = Path.of(String.join("/", parts), "__init__.py");
        List<String> misses = new ArrayList<>();
        for (Path candidate : candidates) {
            Objects.requireNonNull(candidate, "a candidate folder is null");
            Path absolute = candidate.toAbsolutePath();
            if (Files.isRegularFile(absolute.resolve(relativeInit))) {
                try {
                    return Path.of(normalize(absolute.toRealPath().toString()));
                } catch (IOException e) {
                    misses.add(absolute + ": could not be resolved (" + e.getMessage() + ")");
                    continue;
                }
            }
            misses.add(absolute + ": " + whatIsMissing(absolute, parts));
        }
        throw new PythonImportException("package '" + packageName + "' not found: looked for "
                + relativeInit + " in\n  " + String.join("\n  ", misses));
    }

    private static String whatIsMissing(Path candidate, String[] parts) {
        if (!Files.exists(candidate)) {
            return "no such folder";
        }
        if (!Files.isDirectory(candidate)) {
            return "not a folder";
        }
        Path level = candidate;
        for (String part : parts) {
            level = level.resolve(part);
            if (!Files.isDirectory(level)) {
                return "no folder " + candidate.relativize(level);
            }
        }
        return "folder " + candidate.relativize(level) + " has no __init__.py";
    }

    /**
     * Removes the Windows extended-length prefix that canonical Windows paths may carry and that
     * Python's import system does not expect: {@code \\?\C:\app\python} becomes
     * {@code C:\app\python}, {@code \\?\UNC\server\share\python} becomes
     * {@code \\server\share\python}. Any other text is returned unchanged, including
     * {@code \\?\Volume{...}\} paths, which have no form without the prefix. Plain string work:
     * it behaves the same on every operating system.
     */
    public static String normalize(String path) {
        Objects.requireNonNull(path, "path");
        if (path.regionMatches(true, 0, EXTENDED_UNC_PREFIX, 0, EXTENDED_UNC_PREFIX.length())) {
            return "\\\\" + path.substring(EXTENDED_UNC_PREFIX.length());
        }
        if (path.startsWith(EXTENDED_PREFIX) && DRIVE_PATH.matcher(path.substring(EXTENDED_PREFIX.length())).matches()) {
            return path.substring(EXTENDED_PREFIX.length());
        }
        return path;
    }
}
