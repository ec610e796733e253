package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Predicate;

/**
 * Finds the shared libpython of a probed interpreter the way an embedder must: the interpreter
 * binary may link it statically (Debian's {@code /usr/bin/python3.11}) and still have one beside
 * it, so the build variables are only the first places to look.
 *
 * <p>Only directories that belong to the interpreter itself are searched (its {@code LIBDIR},
 * {@code LIBPL}, and {@code lib} folders under its base prefix): a libpython of the same version
 * from another installation would run this installation's standard library with a different
 * interpreter.
 */
final class LibpythonLocator {

    private LibpythonLocator() {
    }

    /** Everything about the interpreter the search depends on. */
    record Facts(String platform, PythonVersion version, Path basePrefix, Path baseExecPrefix,
                 Path baseExecutable, BuildConfig build) {
    }

    static LibraryLookup locate(Facts facts, Predicate<Path> isFile) {
        List<Path> candidates = candidates(facts);
        Optional<Path> found = candidates.stream().filter(isFile).findFirst();
        return new LibraryLookup(found, candidates);
    }

    static List<Path> candidates(Facts facts) {
        if (facts.platform().startsWith("win")) {
            return windowsCandidates(facts);
        }
        List<Path> candidates = new ArrayList<>(frameworkCandidates(facts));
        SequencedSet<String> names = libraryNames(facts);
        for (Path directory : libraryDirectories(facts)) {
            for (String name : names) {
                candidates.add(directory.resolve(name));
            }
        }
        return List.copyOf(new LinkedHashSet<>(candidates));
    }

    /** {@code pythonXY.dll} ({@code python313t.dll} free-threaded, {@code python311_d.dll} debug) beside the base interpreter. */
    private static List<Path> windowsCandidates(Facts facts) {
        BuildConfig build = facts.build();
        String name = "python" + facts.version().major() + facts.version().minor()
                + (build.gilDisabled() ? "t" : "") + (build.debug() ? "_d" : "") + ".dll";
        SequencedSet<Path> directories = new LinkedHashSet<>();
        if (facts.baseExecutable().getParent() != null) {
            directories.add(facts.baseExecutable().getParent());
        }
        directories.add(facts.basePrefix());
        directories.add(facts.baseExecPrefix());
        return directories.stream().map(d -> d.resolve(name)).toList();
    }

    /** A macOS framework build: {@code <prefix>/Python.framework/Versions/X.Y/Python}. */
    private static List<Path> frameworkCandidates(Facts facts) {
        BuildConfig build = facts.build();
        if (build.framework().isEmpty()) {
            return List.of();
        }
        List<Path> candidates = new ArrayList<>();
        if (build.frameworkPrefix().isPresent() && build.ldLibrary().contains(".framework/")) {
            candidates.add(build.frameworkPrefix().get().resolve(build.ldLibrary()));
        }
        candidates.add(facts.basePrefix().resolve(build.framework()));
        return candidates;
    }

    private static SequencedSet<String> libraryNames(Facts facts) {
        BuildConfig build = facts.build();
        SequencedSet<String> names = new LinkedHashSet<>();
        for (String configured : List.of(build.instSoName(), build.ldLibrary())) {
            if (isSharedLibraryName(configured) && !configured.contains("/")) {
                names.add(configured);
            }
        }
        String stem = "libpython" + facts.version().major() + "." + facts.version().minor() + build.abiFlags();
        if (facts.platform().equals("darwin")) {
            names.add(stem + ".dylib");
        } else {
            names.add(stem + ".so.1.0");
            names.add(stem + ".so.1");
            names.add(stem + ".so");
        }
        return names;
    }

    private static SequencedSet<Path> libraryDirectories(Facts facts) {
        BuildConfig build = facts.build();
        SequencedSet<Path> directories = new LinkedHashSet<>();
        if (build.libDir().isPresent()) {
            directories.add(build.libDir().get());
        }
        if (build.libPl().isPresent()) {
            directories.add(build.libPl().get());
        }
        for (Path prefix : List.of(facts.basePrefix(), facts.baseExecPrefix())) {
            Path lib = prefix.resolve("lib");
            directories.add(lib);
            if (!build.multiarch().isEmpty()) {
                directories.add(lib.resolve(build.multiarch()));
            }
            directories.add(prefix.resolve("lib64"));
        }
        return directories;
    }

    static boolean isSharedLibraryName(String name) {
        return name.endsWith(".so") || name.contains(".so.") || name.endsWith(".dylib") || name.endsWith(".dll");
    }
}
