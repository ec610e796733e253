package io.pybridge.internal.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: shell scripts that stand in for interpreters. {@link Answer} builds the bytes a
 * real probe would print (defaults: a CPython 3.12.1 installed under {@code prefix} with its
 * shared library in {@code prefix/lib}); {@link #script} writes an executable that prints them.
 */
final class FakePython {

    private FakePython() {
    }

    /** An executable shell script with the given body. */
    static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A script that prints {@code answer} as a probed Python would (the answer is kept in a file beside it). */
    static Path answering(Path file, Answer answer) throws IOException {
        return answering(file, answer, "");
    }

    /** As {@link #answering(Path, Answer)}, running {@code preamble} (shell) first. */
    static Path answering(Path file, Answer answer, String preamble) throws IOException {
        Files.createDirectories(file.getParent());
        Path answerFile = file.resolveSibling(file.getFileName() + ".answer");
        Files.write(answerFile, answer.bytes());
        return script(file, preamble + "\nexec cat '" + answerFile + "'");
    }

    /** A fake installation: {@code prefix/bin/python3} answering as {@code answer}, with {@code prefix/lib}. */
    static Path installation(Path prefix, Answer answer) throws IOException {
        Files.createDirectories(prefix.resolve("lib"));
        return answering(prefix.resolve("bin").resolve("python3"), answer);
    }

    /** Creates an empty file (a stand-in for a shared library). */
    static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.exists(file) ? file : Files.createFile(file);
    }

    static Answer answer(Path prefix) {
        return new Answer(prefix);
    }

    /** The records of a probe answer, in order. */
    static final class Answer {
        private final Map<String, List<String>> records = new LinkedHashMap<>();

        Answer(Path prefix) {
            set("version", "3.12.1");
            set("releaselevel", "final");
            set("implementation", "cpython");
            set("platform", "linux");
            set("pointer_bits", "64");
            set("debug", "0");
            set("executable", prefix.resolve("bin/python3").toString());
            set("base_executable", prefix.resolve("bin/python3").toString());
            set("prefix", prefix.toString());
            set("base_prefix", prefix.toString());
            set("exec_prefix", prefix.toString());
            set("base_exec_prefix", prefix.toString());
            set("venv", "0");
            set("abiflags", "");
            set("config.LIBDIR", prefix.resolve("lib").toString());
            set("config.LIBPL", prefix.resolve("lib/python3.12/config-3.12-x86_64-linux-gnu").toString());
            set("config.LDLIBRARY", "libpython3.12.so");
            set("config.INSTSONAME", "libpython3.12.so.1.0");
            set("config.Py_ENABLE_SHARED", "1");
            set("config.Py_GIL_DISABLED", "0");
            set("config.EXT_SUFFIX", ".cpython-312-x86_64-linux-gnu.so");
            set("config.MULTIARCH", "x86_64-linux-gnu");
            set("config.PYTHONFRAMEWORK", "");
            set("config.PYTHONFRAMEWORKPREFIX", "");
            set("site", prefix.resolve("lib/python3.12/site-packages").toString());
            set("path", prefix.resolve("lib/python312.zip").toString());
            add("path", prefix.resolve("lib/python3.12").toString());
        }

        Answer set(String key, String value) {
            records.put(key, new ArrayList<>(List.of(value)));
            return this;
        }

        Answer add(String key, String value) {
            records.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            return this;
        }

        Answer remove(String key) {
            records.remove(key);
            return this;
        }

        /** The bytes with header and end marker, as probe.py writes them. */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, ProbeOutput.HEADER);
            records.forEach((key, values) -> values.forEach(value -> write(out, key + "=" + value)));
            write(out, ProbeOutput.END);
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String record) {
            out.writeBytes(record.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
    }
}
