package io.pybridge.examples.media;

/** What a media file holds, which decides how it is decoded and what the analyzer does with it. */
public enum MediaKind {
    /** Sound: decoded to mono float samples and transcribed. */
    AUDIO,
    /** One picture: decoded to RGB and embedded and analysed. */
    IMAGE,
    /** Several frames (an animated GIF): decoded to RGB frames and embedded as video. */
    ANIMATION
}
