package io.pybridge.python;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the three {@code org.bytedeco} native trees become one ordinary Python prefix:
 * <pre>
 * bin/python3, bin/python3.14, ...         from cpython bin/
 * lib/libpython3.14.so.1.0, lib/libffi.so.8 from the root of the cpython tree
 * lib/python3.14/...                       the standard library, from cpython lib/
 * lib/python3.14/site-packages/numpy/...   from numpy python/
 * lib/libopenblas.so.0, libgfortran.so.5, libquadmath.so.0   from the root of the openblas tree
 * include/, share/                         from cpython
 * </pre>
 * The JavaCPP JNI libraries ({@code libjni*.so}) are left out: PyBridge does not use JavaCPP. So is
 * CPython's own regression suite, {@code lib/python3.14/test/} (1,779 files, 39 MB: two fifths of all
 * files, and "for internal use by Python only"; Debian leaves it out too). So
 * is openblas's {@code libgcc_s.so.1}: numpy also needs the system's {@code libstdc++}, which
 * itself needs the system's {@code libgcc_s}, so a second copy would only shadow it.
 * The development links a jar cannot hold ({@code lib/libpython3.14.so -> libpython3.14.so.1.0})
 * are made after unpacking.
 */
final class PrefixLayout {
    /** The one platform whose jars this layout knows. */
    static final String PLATFORM = "linux-x86_64";
    static final String EXECUTABLE = "bin/python3";
    static final String LIBRARY_DIR = "lib";

    /** The parts of the bundled Python, each one jar, with a file that jar must hold. */
    enum Part {
        CPYTHON("cpython", "bin/python3"),
        NUMPY("numpy", "python/numpy/__init__.py"),
        OPENBLAS("openblas", "libopenblas.so.0");

        final String artifact;
        final String probe;

        Part(String artifact, String probe) {
            this.artifact = artifact;
            this.probe = probe;
        }
    }

    /**
     * What the core opens globally before libpython, in this order: openblas and the Fortran
     * runtime it needs (numpy's extension modules link against {@code libopenblas.so.0} through a
     * run path of the jar's build machine, so they only find it already loaded), then libffi for
     * {@code ctypes} (see {@link #preloadLibraries()}).
     */
    private static final List<String> OPENBLAS_PRELOAD = List.of(
            "lib/libquadmath.so.0", "lib/libgfortran.so.5", "lib/libopenblas.so.0");
    /** A versioned libffi at the root of the cpython tree: {@code libffi.so.8} (3.13, 3.14), {@code .so.7} (3.12). */
    static final Pattern LIBFFI = Pattern.compile("libffi\\.so\\.[0-9]+");

    private static final Pattern SHARED_LIBRARY = Pattern.compile("lib[^/]*\\.so(\\.[0-9][0-9.]*)?");
    private static final Pattern SHARED_OBJECT = Pattern.compile(".*\\.so(\\.[0-9]+)*");
    private static final Pattern VERSIONED_LIBRARY = Pattern.compile("lib/(lib[^/]*\\.so)\\.[0-9][0-9.]*");

    private final String sitePackages;
    private final String regressionSuite;
    private final String pythonMajorMinor;

    /** @param pythonMajorMinor e.g. {@code 3.14}, naming {@code lib/python3.14} */
    PrefixLayout(String pythonMajorMinor) {
        this.pythonMajorMinor = pythonMajorMinor;
        this.sitePackages = "lib/python" + pythonMajorMinor + "/site-packages/";
        this.regressionSuite = "lib/python" + pythonMajorMinor + "/test/";
    }

    /** Whether this layout knows the jars for a JVM on {@code osName} / {@code osArch}. */
    static boolean supports(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    String pythonMajorMinor() {
        return pythonMajorMinor;
    }

    /**
     * Where a file of a jar's native tree goes in the prefix, or null when it is not needed.
     *
     * @param name the file's name relative to the tree's root, e.g. {@code bin/python3}
     */
    String target(Part part, String name) {
        return switch (part) {
            case CPYTHON -> {
                if (name.startsWith(regressionSuite)) {
                    yield null;
                }
                if (startsWithAny(name, "bin/", "lib/", "include/", "share/")) {
                    yield name;
                }
                yield topLevelLibrary(name) ? LIBRARY_DIR + "/" + name : null;
            }
            case NUMPY -> {
                if (name.startsWith("python/")) {
                    yield sitePackages + name.substring("python/".length());
                }
                yield name.startsWith("bin/") ? name : null;
            }
            case OPENBLAS -> topLevelLibrary(name) && !name.startsWith("libgcc_s.") ? LIBRARY_DIR + "/" + name : null;
        };
    }

    /** Whether the file at {@code target} must be executable: programs and shared libraries. */
    boolean executable(String target) {
        if (target.startsWith("bin/")) {
            return true;
        }
        return SHARED_OBJECT.matcher(target).matches();
    }

    /**
     * The shared libraries to load globally before libpython, in load order (paths in the prefix):
     * openblas's, then libffi, whose soname differs between the cpython jars ({@code _ctypes} of
     * each version was linked against the one its jar holds, through a run path that does not reach
     * {@code lib/}).
     *
     * @param libraryFiles the names of the files in the prefix's {@code lib/}, one of which is the
     *                     versioned libffi unpacked from the cpython jar's root
     * @throws IOException when they hold no versioned libffi, or more than one
     */
    static List<String> preloadLibraries(Collection<String> libraryFiles) throws IOException {
        List<String> libffi = new ArrayList<>(1);
        for (String name : libraryFiles) {
            if (LIBFFI.matcher(name).matches()) {
                libffi.add(name);
            }
        }
        if (libffi.size() != 1) {
            Collections.sort(libffi);
            throw new IOException(LIBRARY_DIR + "/ should hold one versioned libffi.so.N, from the root of the "
                    + "cpython jar, but holds " + (libffi.isEmpty() ? "none" : String.join(", ", libffi)));
        }
        List<String> preload = new ArrayList<>(OPENBLAS_PRELOAD);
        preload.add(LIBRARY_DIR + "/" + libffi.getFirst());
        return List.copyOf(preload);
    }

    /**
     * The development links to make ({@code lib/libX.so -> libX.so.N}) for versioned libraries
     * in {@code lib/} that have no unversioned name among {@code files}.
     */
    List<Link> developmentLinks(Set<String> files) {
        List<Link> links = new ArrayList<>();
        for (String file : new TreeSet<>(files)) {
            Matcher m = VERSIONED_LIBRARY.matcher(file);
            if (m.matches()) {
                String link = LIBRARY_DIR + "/" + m.group(1);
                boolean taken = files.contains(link) || links.stream().anyMatch(l -> l.path().equals(link));
                if (!taken) {
                    links.add(new Link(link, file.substring(LIBRARY_DIR.length() + 1)));
                }
            }
        }
        return links;
    }

    /** A symbolic link in the prefix: {@code path} (relative to the prefix) pointing at {@code target} (relative to its folder). */
    record Link(String path, String target) {
    }

    private static boolean topLevelLibrary(String name) {
        return name.indexOf('/') < 0 && SHARED_LIBRARY.matcher(name).matches() && !name.startsWith("libjni");
    }

    private static boolean startsWithAny(String name, String... prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
