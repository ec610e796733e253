package io.pybridge.examples.media;

import java.util.Locale;

/**
 * What happens to a GIF frame's rectangle before the next frame is drawn (the graphic control
 * extension's disposal method), with the names javax.imageio's GIF metadata uses.
 */
public enum GifDisposal {
    /** Not specified (method 0): viewers leave the frame in place. */
    UNSPECIFIED("none"),
    /** Leave the frame in place (method 1). */
    KEEP("doNotDispose"),
    /** Clear the frame's rectangle (method 2); browsers clear it to transparent, and so does the decoder. */
    RESTORE_BACKGROUND("restoreToBackgroundColor"),
    /** Put back what was under the frame (method 3). */
    RESTORE_PREVIOUS("restoreToPrevious");

    private final String metadataName;

    GifDisposal(String metadataName) {
        this.metadataName = metadataName;
    }

    /** The value of the {@code disposalMethod} attribute in {@code javax_imageio_gif_image_1.0} metadata. */
    public String metadataName() {
        return metadataName;
    }

    /** The disposal of a metadata attribute value; reserved methods 4-7 ("undefinedDisposalMethod4") keep the frame. */
    public static GifDisposal ofMetadataName(String name) {
        for (GifDisposal disposal : values()) {
            if (disposal.metadataName.equals(name)) {
                return disposal;
            }
        }
        if (name != null && name.toLowerCase(Locale.ROOT).startsWith("undefineddisposalmethod")) {
            return UNSPECIFIED;
        }
        throw new IllegalArgumentException("unknown GIF disposal method: " + name);
    }
}
