package io.pybridge.examples.media.scan;

import io.pybridge.examples.media.MediaKind;

import java.nio.file.Path;
import java.util.List;

/**
 * What a folder holds: the media files in path order, the files that were rejected and why, and
 * how many other (non-media) files were passed over.
 */
public record FolderScan(Path root, List<MediaFile> media, List<RejectedFile> rejected, int skipped) {
    public FolderScan {
        media = List.copyOf(media);
        rejected = List.copyOf(rejected);
    }

    /** The media files of one kind, in path order. */
    public List<MediaFile> media(MediaKind kind) {
        return media.stream().filter(file -> file.kind() == kind).toList();
    }
}
