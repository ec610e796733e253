package io.pybridge.internal.capi;

/**
 * The check every Java string passes on its way into a C {@code char *} (names, source code, paths):
 * C reads up to the first NUL, so a NUL inside would silently cut a module name or a program short
 * ({@code "os\0x"} would import {@code os}), and an unpaired surrogate has no UTF-8 form (Java's encoder
 * would silently put {@code '?'} in its place). Both are refused, naming the argument and the index.
 * Python refuses them too where it reads such text itself ({@code compile("1\0+1", ...)} raises,
 * source with a lone surrogate cannot be encoded).
 */
public final class CStrings {
    private static final int EXCERPT = 24;

    private CStrings() {
    }

    /**
     * Returns normally when {@code text} can become a C string unchanged.
     *
     * @param what names the argument in the message ("module name", "source code")
     * @throws IllegalArgumentException when {@code text} holds a NUL character or an unpaired surrogate
     */
    public static void requireValid(String text, String what) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " contains a NUL character (\\u0000) at index " + i + ": "
                        + excerpt(text, i) + "; C strings end at the first NUL, so it would be cut short there");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(what + " contains an unpaired surrogate (" + escape(c)
                        + ") at index " + i + ": " + excerpt(text, i) + "; it has no UTF-8 form");
            }
        }
    }

    /** The text around {@code index}, quoted, with control characters and surrogates escaped. */
    static String excerpt(String text, int index) {
        int from = Math.max(0, index - EXCERPT);
        int to = Math.min(text.length(), index + EXCERPT);
        StringBuilder out = new StringBuilder(from > 0 ? "\"..." : "\"");
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(escape(c));
            } else {
                out.append(c);
            }
        }
        return out.append(to < text.length() ? "...\"" : "\"").toString();
    }

    private static String escape(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
