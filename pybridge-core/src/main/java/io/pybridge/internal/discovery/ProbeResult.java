package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one run of an interpreter with the probe script reported about itself, and where its shared
 * libpython is.
 *
 * @param probed           the path that was run (a pyenv shim, a venv's {@code bin/python}, ...)
 * @param version          {@code sys.version_info}
 * @param releaseLevel     {@code sys.version_info.releaselevel}: {@code final}, {@code candidate}, ...
 * @param implementation   {@code sys.implementation.name}: {@code cpython} for the ones PyBridge embeds
 * @param platform         {@code sys.platform}: {@code linux}, {@code darwin}, {@code win32}
 * @param pointerBits      64 or 32
 * @param executable       {@code sys.executable}: the real interpreter behind a shim, the venv's own
 *                         {@code python} inside a venv; {@code probed} if Python could not tell
 * @param baseExecutable   {@code sys._base_executable}: the base installation's interpreter of a venv
 * @param prefix           {@code sys.prefix}
 * @param basePrefix       {@code sys.base_prefix}: where the standard library lives
 * @param execPrefix       {@code sys.exec_prefix}
 * @param baseExecPrefix   {@code sys.base_exec_prefix}
 * @param virtualEnv       it runs inside a virtual environment ({@code prefix != base_prefix})
 * @param build            the build variables that locate libpython
 * @param sitePackages     {@code site.getsitepackages()}: the venv's own inside a venv
 * @param userSitePackages the user site directory, when the user site is enabled
 * @param sysPath          the full {@code sys.path} (without the current directory that {@code -c} adds)
 * @param library          where libpython was looked for and found
 */
public record ProbeResult(Path probed, PythonVersion version, String releaseLevel, String implementation,
                          String platform, int pointerBits, Path executable, Path baseExecutable,
                          Path prefix, Path basePrefix, Path execPrefix, Path baseExecPrefix,
                          boolean virtualEnv, BuildConfig build, List<Path> sitePackages,
                          Optional<Path> userSitePackages, List<String> sysPath, LibraryLookup library) {

    public ProbeResult {
        sitePackages = List.copyOf(sitePackages);
        sysPath = List.copyOf(sysPath);
    }

    /** Reads a complete probe answer and looks for libpython on this machine's file system. */
    static ProbeResult from(Path probed, ProbeOutput output) throws ProbeException {
        return from(probed, output, Files::isRegularFile);
    }

    static ProbeResult from(Path probed, ProbeOutput output, Predicate<Path> isFile) throws ProbeException {
        try {
            return read(probed, output, isFile);
        } catch (InvalidPathException e) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "the probe reported a path this JVM cannot represent: " + e.getMessage(), null, e);
        }
    }

    private static ProbeResult read(Path probed, ProbeOutput output, Predicate<Path> isFile) throws ProbeException {
        PythonVersion version = output.version();
        String platform = output.required("platform");
        Path executable = output.path("executable").orElse(probed);
        Path baseExecutable = output.path("base_executable").orElse(executable);
        Path basePrefix = Path.of(output.required("base_prefix"));
        Path baseExecPrefix = Path.of(output.required("base_exec_prefix"));
        BuildConfig build = BuildConfig.from(output);
        int pointerBits;
        try {
            pointerBits = Integer.parseInt(output.required("pointer_bits"));
        } catch (NumberFormatException e) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "not a Python, or a broken one: pointer size " + output.optional("pointer_bits").orElse(""),
                    null, e);
        }
        LibraryLookup library = LibpythonLocator.locate(
                new LibpythonLocator.Facts(platform, version, basePrefix, baseExecPrefix, baseExecutable, build),
                isFile);
        return new ProbeResult(probed, version, output.optional("releaselevel").orElse("final"),
                output.required("implementation"), platform, pointerBits, executable, baseExecutable,
                Path.of(output.required("prefix")), basePrefix, Path.of(output.required("exec_prefix")),
                baseExecPrefix, output.flag("venv"), build,
                output.paths("site"),
                output.path("usersite"), output.all("path"), library);
    }
}
