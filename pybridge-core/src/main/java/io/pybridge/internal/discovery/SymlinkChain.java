package io.pybridge.internal.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Describes where a chain of symbolic links leads, for a link whose end is missing. */
final class SymlinkChain {
    private static final int MAX_LINKS = 40;

    private SymlinkChain() {
    }

    /** {@code "/v/bin/python -> python3 -> /base/bin/python3 (missing)"}. */
    static String describe(Path link) {
        return String.join(" -> ", steps(link)) + (Files.exists(end(link)) ? "" : " (missing)");
    }

    /** The first path of the chain that is not a symbolic link (the missing target of a dangling chain). */
    static Path end(Path link) {
        Path current = link;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(current); i++) {
            try {
                current = resolve(current);
            } catch (IOException e) {
                return current;
            }
        }
        return current;
    }

    private static List<String> steps(Path link) {
        List<String> steps = new ArrayList<>(List.of(link.toString()));
        Path current = link;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(current); i++) {
            try {
                current = resolve(current);
                steps.add(current.toString());
            } catch (IOException e) {
                steps.add("(unreadable link: " + e.getMessage() + ")");
                break;
            }
        }
        return steps;
    }

    private static Path resolve(Path link) throws IOException {
        Path target = Files.readSymbolicLink(link);
        Path parent = link.toAbsolutePath().getParent();
        return parent == null ? target : parent.resolve(target).normalize();
    }
}
