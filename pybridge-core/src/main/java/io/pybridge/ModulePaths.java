package io.pybridge;

/** Placeholder until the discovery branch lands. */
public final class ModulePaths {
    private ModulePaths() {
    }

    public static String normalize(String path) {
        if (path.startsWith("\\\\?\\UNC\\")) {
            return "\\\\" + path.substring(8);
        }
        return path.startsWith("\\\\?\\") ? path.substring(4) : path;
    }
}
