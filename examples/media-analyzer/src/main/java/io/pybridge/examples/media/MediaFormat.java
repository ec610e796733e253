package io.pybridge.examples.media;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The container formats the analyzer reads, recognised by their first bytes. */
public enum MediaFormat {
    WAV(MediaKind.AUDIO, "wav", "wave"),
    PNG(MediaKind.IMAGE, "png"),
    JPEG(MediaKind.IMAGE, "jpg", "jpeg", "jpe", "jfif"),
    BMP(MediaKind.IMAGE, "bmp", "dib"),
    /** A GIF is an {@link MediaKind#IMAGE} when it has one frame, an {@link MediaKind#ANIMATION} otherwise. */
    GIF(MediaKind.IMAGE, "gif");

    /** How many leading bytes {@link #ofContent} needs to tell every format apart. */
    public static final int SIGNATURE_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final MediaKind kind;
    private final List<String> extensions;

    MediaFormat(MediaKind kind, String... extensions) {
        this.kind = kind;
        this.extensions = List.of(extensions);
    }

    /** The kind of a file in this format; see {@link #GIF} for the one exception. */
    public MediaKind kind() {
        return kind;
    }

    /** File name extensions usually given to this format, lower case, without the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /** The format whose signature starts {@code head}, if any; {@code head} may be shorter than {@link #SIGNATURE_LENGTH}. */
    public static Optional<MediaFormat> ofContent(byte[] head) {
        if (startsWith(head, "RIFF") && head.length >= 12 && startsWith(Arrays.copyOfRange(head, 8, 12), "WAVE")) {
            return Optional.of(WAV);
        }
        if (startsWith(head, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, "BM") && head.length >= 10 && Arrays.equals(head, 6, 10, new byte[4], 0, 4)) {
            return Optional.of(BMP); // "BM", the file size, then four reserved bytes that are zero
        }
        return Optional.empty();
    }

    /** The format a file name's extension suggests, if any; says nothing about the content. */
    public static Optional<MediaFormat> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.extensions.contains(extension)).findFirst();
    }

    private static boolean startsWith(byte[] head, String ascii) {
        byte[] prefix = new byte[ascii.length()];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = (byte) ascii.charAt(i);
        }
        return startsWith(head, prefix);
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
