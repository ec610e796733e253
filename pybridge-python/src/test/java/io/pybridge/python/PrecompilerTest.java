package io.pybridge.python;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compiler that cannot run or fails costs the unpack nothing but speed; one that is interrupted stops.
 * (BundledRuntimeTest checks the bytecode of a real unpack.)
 */
class PrecompilerTest {

    @Test
    void aTreeWithoutAnInterpreterIsLeftUncompiled(@TempDir Path dir) throws IOException {
        Precompiler.compile(dir, dir, "3.14");
        try (var left = Files.list(dir)) {
            assertEquals(Optional.empty(), left.findAny());
        }
    }

    @Test
    void aFailingCompilerIsReportedNotThrown(@TempDir Path dir) throws IOException {
        Path marker = fakePython(dir, "touch \"$(dirname \"$0\")/ran\"; echo 'SyntaxError somewhere' >&2; exit 3");
        Precompiler.compile(dir, dir, "3.14");
        assertTrue(Files.exists(marker), "the compiler did not run");
    }

    @Test
    void anInterruptStopsTheCompilerAndItsWorkers(@TempDir Path dir) throws Exception {
        Path pid = fakePython(dir, "sleep 60 & echo $! > \"$(dirname \"$0\")/ran.tmp\"; mv \"$(dirname \"$0\")/ran.tmp\" \"$(dirname \"$0\")/ran\"; wait");
        Thread compiling = Thread.currentThread();
        Thread interrupter = Thread.ofPlatform().start(() -> {
            while (!Files.exists(pid)) {
                Thread.onSpinWait();
            }
            compiling.interrupt();
        });
        try {
            assertThrows(InterruptedIOException.class, () -> Precompiler.compile(dir, dir, "3.14"));
            assertTrue(Thread.interrupted(), "the interrupt status is kept");
        } finally {
            interrupter.join();
            Thread.interrupted();
        }
        long worker = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false), "the worker still runs");
    }

    /** A bin/python3 running {@code script}; returns the file the scripts here write beside it. */
    private static Path fakePython(Path dir, String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path python = bin.resolve("python3");
        Files.writeString(python, "#!/bin/sh\n" + script + "\n");
        assertTrue(python.toFile().setExecutable(true));
        return bin.resolve("ran");
    }
}
