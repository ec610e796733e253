package io.pybridge.internal.discovery;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The build variables of an interpreter ({@code sysconfig}) that say how it was built and where
 * its libraries are. Text values are empty where the build does not define them (Windows defines
 * almost none of them).
 *
 * @param libDir          {@code LIBDIR}: where {@code make install} put libpython
 * @param libPl           {@code LIBPL}: the {@code config-X.Y-<multiarch>} directory
 * @param ldLibrary       {@code LDLIBRARY}: the library the interpreter links against
 *                        ({@code libpython3.11.so}; {@code libpython3.11.a} for a static build;
 *                        {@code Python.framework/Versions/3.11/Python} for a macOS framework build)
 * @param instSoName      {@code INSTSONAME}: the installed shared library's soname ({@code libpython3.11.so.1.0})
 * @param sharedEnabled   {@code Py_ENABLE_SHARED}: the interpreter itself links libpython dynamically.
 *                        A static interpreter can still have a libpython beside it (Debian's does)
 * @param gilDisabled     {@code Py_GIL_DISABLED}: a free-threaded build
 * @param debug           a debug build ({@code sys.gettotalrefcount} exists)
 * @param abiFlags        {@code sys.abiflags}: part of the library's name ({@code "t"}, {@code "d"}, {@code "m"} before 3.8)
 * @param extSuffix       {@code EXT_SUFFIX}: the suffix of compiled extension modules
 * @param multiarch       {@code MULTIARCH}: the Debian-style triplet ({@code x86_64-linux-gnu})
 * @param framework       {@code PYTHONFRAMEWORK}: the framework's name on a macOS framework build ({@code Python})
 * @param frameworkPrefix {@code PYTHONFRAMEWORKPREFIX}: the directory holding {@code Python.framework}
 */
public record BuildConfig(Optional<Path> libDir, Optional<Path> libPl, String ldLibrary, String instSoName,
                          boolean sharedEnabled, boolean gilDisabled, boolean debug, String abiFlags,
                          String extSuffix, String multiarch, String framework, Optional<Path> frameworkPrefix) {

    static BuildConfig from(ProbeOutput output) {
        return new BuildConfig(
                output.path("config.LIBDIR"),
                output.path("config.LIBPL"),
                output.optional("config.LDLIBRARY").orElse(""),
                output.optional("config.INSTSONAME").orElse(""),
                output.flag("config.Py_ENABLE_SHARED"),
                output.flag("config.Py_GIL_DISABLED"),
                output.flag("debug"),
                output.optional("abiflags").orElse(""),
                output.optional("config.EXT_SUFFIX").orElse(""),
                output.optional("config.MULTIARCH").orElse(""),
                output.optional("config.PYTHONFRAMEWORK").orElse(""),
                output.path("config.PYTHONFRAMEWORKPREFIX"));
    }
}
