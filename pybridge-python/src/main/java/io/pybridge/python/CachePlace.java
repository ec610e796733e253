package io.pybridge.python;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder the bundled Python may be unpacked into.
 *
 * @param directory    PyBridge's own cache folder; unpacked trees go directly inside it
 * @param origin       how the folder was chosen ({@code "$PYBRIDGE_CACHE"}, {@code "~/.cache"}...), for messages
 * @param sharedTemp   true for the fallback under {@code java.io.tmpdir}: a folder other users can
 *                     see, so it must be made private to this user and checked to be theirs
 */
record CachePlace(Path directory, String origin, boolean sharedTemp) {
    CachePlace {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return directory + " (" + origin + ")";
    }
}
