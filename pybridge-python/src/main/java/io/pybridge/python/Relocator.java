package io.pybridge.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points the few text files that name the jar's build folder at the folder the tree is unpacked
 * to, as relocatable Python distributions do.
 *
 * <p>CPython records its install prefix at build time (for bytedeco's jars,
 * {@code /home/runner/work/javacpp-presets/.../cppbuild/linux-x86_64}). {@code sys.prefix} finds the
 * real place by itself, but {@code sysconfig} (whose {@code LIBDIR} tells where libpython is), the
 * {@code python3-config} script, the pkg-config files and the scripts' {@code #!} lines do not.
 * Files are rewritten as bytes read as ISO-8859-1, so no encoding matters.
 */
final class Relocator {
    private static final Pattern BUILD_PREFIX = Pattern.compile("'prefix': '([^']+)'");
    private static final Pattern PYTHON_SHEBANG = Pattern.compile("#![^\\s]*/python3(?:\\.[0-9]+)?(?=[\\s]|$)");
    /** Linux reads at most this many bytes of a {@code #!} line (127 before kernel 5.1). */
    private static final int SHEBANG_LIMIT = 127;

    private final Path tree;
    private final String finalPrefix;
    private final String pythonMajorMinor;

    /**
     * @param tree             where the files are now
     * @param finalPrefix      where the tree will be used from (it is renamed there afterwards)
     * @param pythonMajorMinor e.g. {@code 3.14}
     */
    Relocator(Path tree, Path finalPrefix, String pythonMajorMinor) {
        this.tree = tree;
        this.finalPrefix = finalPrefix.toAbsolutePath().toString();
        this.pythonMajorMinor = pythonMajorMinor;
    }

    /** Rewrites what needs it; returns the rewritten files, relative to the tree, '/'-separated. */
    List<String> relocate() throws IOException {
        String stdlib = "lib/python" + pythonMajorMinor;
        Optional<String> buildPrefix = buildPrefix(stdlib);
        List<String> candidates = new ArrayList<>();
        candidates.addAll(list("bin", "*"));
        candidates.addAll(list("lib/pkgconfig", "*.pc"));
        candidates.addAll(list(stdlib, "_sysconfigdata_*.py"));
        for (String configDir : list(stdlib, "config-" + pythonMajorMinor + "*")) {
            candidates.addAll(list(configDir, "{Makefile,python-config.py}"));
        }
        List<String> rewritten = new ArrayList<>();
        for (String candidate : candidates) {
            if (rewrite(candidate, buildPrefix)) {
                rewritten.add(candidate);
            }
        }
        return rewritten;
    }

    private boolean rewrite(String relative, Optional<String> buildPrefix) throws IOException {
        Path file = tree.resolve(relative);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String original = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (relative.startsWith("bin/") && !original.startsWith("#!")) {
            return false;   // a program, not a script
        }
        String text = original;
        if (text.startsWith("#!")) {
            text = rewriteShebang(text);
        }
        if (buildPrefix.isPresent()) {
            text = text.replace(buildPrefix.get(), finalPrefix);
        }
        if (text.equals(original)) {
            return false;
        }
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return true;
    }

    /** A script run by some python3 of the build machine is made to run by this tree's. */
    private String rewriteShebang(String text) {
        String interpreter = finalPrefix + "/bin/python" + pythonMajorMinor;
        if (interpreter.length() + 2 > SHEBANG_LIMIT || interpreter.chars().anyMatch(Character::isWhitespace)) {
            return text;   // the kernel could not run it; the script stays usable as `python3 script`
        }
        Matcher m = PYTHON_SHEBANG.matcher(text);
        return m.lookingAt() ? "#!" + interpreter + text.substring(m.end()) : text;
    }

    private Optional<String> buildPrefix(String stdlib) throws IOException {
        for (String data : list(stdlib, "_sysconfigdata_*.py")) {
            String text = Files.readString(tree.resolve(data), StandardCharsets.ISO_8859_1);
            Matcher m = BUILD_PREFIX.matcher(text);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private List<String> list(String dir, String glob) throws IOException {
        Path folder = tree.resolve(dir);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, glob)) {
            for (Path entry : entries) {
                names.add(dir + "/" + entry.getFileName());
            }
        }
        names.sort(null);
        return names;
    }
}
