package io.pybridge.python;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the bundled Python is unpacked: the per-user cache of the platform, then a private folder
 * under the temporary directory when that cannot be written.
 *
 * <p>The per-user cache is {@code $PYBRIDGE_CACHE} when set; otherwise {@code $XDG_CACHE_HOME/pybridge}
 * or {@code ~/.cache/pybridge} on Linux and other Unix systems, {@code ~/Library/Caches/pybridge} on
 * macOS and {@code %LOCALAPPDATA%\pybridge} on Windows.
 */
final class CachePlaces {
    static final String CACHE_VARIABLE = "PYBRIDGE_CACHE";

    private CachePlaces() {
    }

    /** The places for this JVM: its environment and system properties. */
    static List<CachePlace> forThisJvm() {
        return of(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", ""),
                System.getProperty("java.io.tmpdir", ""), System.getProperty("user.name", ""));
    }

    /** The places for the given environment, in the order they are tried. */
    static List<CachePlace> of(Map<String, String> env, String osName, String userHome, String tmpDir,
                               String userName) {
        CachePlace temp = new CachePlace(Path.of(tmpDir, "pybridge-" + safeUserName(userName)),
                "java.io.tmpdir fallback", true);
        return List.of(userCache(env, osName, userHome), temp);
    }

    private static CachePlace userCache(Map<String, String> env, String osName, String userHome) {
        String explicit = nonBlank(env.get(CACHE_VARIABLE));
        if (explicit != null) {
            return new CachePlace(Path.of(explicit), "$" + CACHE_VARIABLE, false);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = nonBlank(env.get("LOCALAPPDATA"));
            return localAppData != null
                    ? new CachePlace(Path.of(localAppData, "pybridge"), "%LOCALAPPDATA%", false)
                    : new CachePlace(Path.of(userHome, "AppData", "Local", "pybridge"), "user.home\\AppData\\Local", false);
        }
        if (os.startsWith("mac")) {
            return new CachePlace(Path.of(userHome, "Library", "Caches", "pybridge"), "~/Library/Caches", false);
        }
        String xdg = nonBlank(env.get("XDG_CACHE_HOME"));
        if (xdg != null && Path.of(xdg).isAbsolute()) {   // the XDG spec says to ignore relative values
            return new CachePlace(Path.of(xdg, "pybridge"), "$XDG_CACHE_HOME", false);
        }
        return new CachePlace(Path.of(userHome, ".cache", "pybridge"), "~/.cache", false);
    }

    /** A user name usable as part of a folder name on every platform. */
    static String safeUserName(String userName) {
        if (userName == null) {
            return "user";
        }
        StringBuilder safe = new StringBuilder(userName.length());
        boolean onlyDots = true;
        for (int i = 0; i < userName.length(); ) {
            int c = userName.codePointAt(i);
            i += Character.charCount(c);
            boolean allowed = c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            safe.append(allowed ? (char) c : '_');
            onlyDots &= c == '.';
        }
        return onlyDots ? "user" : safe.toString();
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
