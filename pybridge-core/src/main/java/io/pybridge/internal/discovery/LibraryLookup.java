package io.pybridge.internal.discovery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the shared libpython of an interpreter was looked for, and what was found.
 *
 * @param found    the first candidate that exists, as it was looked up (not resolved through links:
 *                 {@code libpython3.11.so.1.0} is the name the dynamic linker knows it by)
 * @param searched every candidate path, in the order tried
 */
public record LibraryLookup(Optional<Path> found, List<Path> searched) {
    public LibraryLookup {
        searched = List.copyOf(searched);
    }

    /**
     * The searched paths in few words: {@code "libpython3.11.so.1.0, libpython3.11.so in /a, /b"}
     * when every directory was searched for the same names, else per directory:
     * {@code "/a (libpython3.11.so.1.0); /b (libpython3.11.so)"}.
     */
    public String describeSearch() {
        Map<Path, List<String>> byDirectory = new LinkedHashMap<>();
        for (Path path : searched) {
            Path parent = path.getParent() == null ? Path.of("") : path.getParent();
            byDirectory.computeIfAbsent(parent, d -> new ArrayList<>()).add(path.getFileName().toString());
        }
        if (byDirectory.values().stream().distinct().count() == 1) {
            return String.join(", ", byDirectory.values().iterator().next()) + " in "
                    + byDirectory.keySet().stream().map(Path::toString).collect(Collectors.joining(", "));
        }
        return byDirectory.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }
}
