package io.pybridge.internal.discovery;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pyenv shim's probe answer is kept on disk under a key naming what decides the interpreter it runs,
 * so a warm start runs no process, and any change to those facts probes again. The pyenv here is a
 * stand-in with pyenv's layout and its version rules ({@code PYENV_VERSION}, {@code .python-version}
 * from the working directory up, {@code $PYENV_ROOT/version}), whose versions are fake interpreters.
 */
class PyenvShimTest {
    @TempDir
    Path temp;
    private Path root;
    private Path shim;
    private Path project;

    @BeforeEach
    void fakePyenv() throws IOException {
        root = temp.resolve("pyenv");
        for (String version : new String[] {"3.12.1", "3.13.0"}) {
            Path prefix = root.resolve("versions").resolve(version);
            FakePython.installation(prefix, FakePython.answer(prefix).set("version", version));
        }
        Files.writeString(root.resolve("version"), "3.12.1\n");
        // pyenv's own choice of version, as libexec/pyenv-version-file and pyenv-version-name make it.
        FakePython.script(root.resolve("libexec/pyenv"), """
                version="$PYENV_VERSION"
                if [ -z "$version" ]; then
                  dir="$PWD"; file="$PYENV_ROOT/version"
                  while [ -n "$dir" ]; do
                    if [ -f "$dir/.python-version" ]; then file="$dir/.python-version"; break; fi
                    dir="${dir%/*}"
                  done
                  version=$(head -n 1 "$file")
                fi
                shift
                program="$1"; shift
                exec "$PYENV_ROOT/versions/$version/bin/$program" "$@"
                """);
        // A shim as `pyenv rehash` writes it (pyenv 2.x).
        shim = FakePython.script(root.resolve("shims/python3"), """
                set -e
                [ -n "$PYENV_DEBUG" ] && set -x

                program="${0##*/}"

                export PYENV_ROOT="%s"
                exec "%s/libexec/pyenv" exec "$program" "$@"
                """.formatted(root, root).replace("#!/bin/sh\n", ""));
        project = Files.createDirectories(temp.resolve("work/project"));
    }

    private ProbeKey key(Map<String, String> environment, Path workingDirectory) throws IOException {
        return ProbeKey.of(shim, Map.of(), environment, workingDirectory);
    }

    @Test
    void aPyenvShimIsRecognizedAndItsAnswerKeptOnDisk() throws IOException {
        assertTrue(key(Map.of(), project).persistent(), "a pyenv shim's answer may be kept on disk");
        Path other = FakePython.script(temp.resolve("wrapper/python3"), "exec /usr/bin/python3 \"$@\"");
        assertFalse(ProbeKey.of(other, Map.of(), Map.of(), project).persistent(),
                "another script's answer may depend on anything, so it is not kept");
    }

    @Test
    void theKeyFollowsWhatDecidesTheVersion() throws IOException {
        ProbeKey global = key(Map.of(), project);
        assertEquals(global, key(Map.of(), project), "the same facts give the same key");
        assertNotEquals(global, key(Map.of("PYENV_VERSION", "3.13.0"), project), "PYENV_VERSION");

        Files.writeString(project.getParent().resolve(".python-version"), "3.13.0\n");
        ProbeKey local = key(Map.of(), project);
        assertNotEquals(global, local, "a .python-version in a folder above the working directory");
        Files.writeString(project.getParent().resolve(".python-version"), "3.12.1\n");
        assertNotEquals(local, key(Map.of(), project), "the local file's content");
        Files.delete(project.getParent().resolve(".python-version"));
        assertEquals(global, key(Map.of(), project), "back to the global version file");

        Files.writeString(root.resolve("version"), "3.13.0\n");
        assertNotEquals(global, key(Map.of(), project), "the global version file's content");
    }

    @Test
    void reinstallingTheChosenVersionChangesTheKey() throws IOException {
        ProbeKey before = key(Map.of(), project);
        Path interpreter = root.resolve("versions/3.12.1/bin/python3");
        Files.setLastModifiedTime(interpreter, FileTime.fromMillis(Files.getLastModifiedTime(interpreter).toMillis() - 60_000));
        assertNotEquals(before, key(Map.of(), project));
        ProbeKey reinstalled = key(Map.of(), project);
        Files.createDirectories(root.resolve("versions/3.14.0"));
        assertNotEquals(reinstalled, key(Map.of(), project), "a version installed beside it (3.12 could now mean another)");
    }

    @Test
    void reinstallingTheVersionAPrefixChoseChangesTheKey() throws IOException {
        Files.writeString(root.resolve("version"), "3.12\n");
        ProbeKey before = key(Map.of(), project);
        Path interpreter = root.resolve("versions/3.12.1/bin/python3");
        Files.setLastModifiedTime(interpreter, FileTime.fromMillis(Files.getLastModifiedTime(interpreter).toMillis() - 60_000));
        assertNotEquals(before, key(Map.of(), project), "3.12 means 3.12.1 here, rebuilt in place");
    }

    @Test
    void aWarmStartRunsNoProcessAndEachVersionGetsItsOwnAnswer() throws Exception {
        TestPythons.CountingRunner runner = new TestPythons.CountingRunner();
        Path cache = temp.resolve("cache");
        ProbeResult first = TestPythons.probe(cache, runner, PythonProbe.DEFAULT_TIMEOUT).probe(shim, Map.of());
        assertEquals("3.12.1", first.version().toString());
        ProbeResult warm = TestPythons.probe(cache, runner, PythonProbe.DEFAULT_TIMEOUT).probe(shim, Map.of());
        assertEquals(first, warm);
        assertEquals(1, runner.runs.get(), "the next JVM's probe of the shim is answered from the disk cache");

        Map<String, String> other = Map.of("PYENV_VERSION", "3.13.0");
        ProbeResult switched = TestPythons.probe(cache, runner, PythonProbe.DEFAULT_TIMEOUT).probe(shim, other);
        assertEquals("3.13.0", switched.version().toString(), "another version, probed again");
        assertEquals(2, runner.runs.get());
        TestPythons.probe(cache, runner, PythonProbe.DEFAULT_TIMEOUT).probe(shim, other);
        TestPythons.probe(cache, runner, PythonProbe.DEFAULT_TIMEOUT).probe(shim, Map.of());
        assertEquals(2, runner.runs.get(), "both answers are kept");
    }
}
