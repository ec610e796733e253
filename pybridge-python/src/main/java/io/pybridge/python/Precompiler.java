package io.pybridge.python;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Compiles the modules of a freshly unpacked tree to bytecode ({@code __pycache__/*.pyc}), as pip and conda
 * do when they install packages and Debian does for its Python: otherwise the first start that imports a
 * module compiles it, and where Python may not write bytecode ({@code PYTHONDONTWRITEBYTECODE}, common in
 * container images, or a cache folder made read-only) every start compiles every module it imports again:
 * 0.75 s of a bare {@code import numpy}, 185 ms of a PyBridge start (its own modules, {@code threading},
 * {@code enum}) on this project's 2-core machine.
 *
 * <p>The unpacked {@code python3 -I -B -m compileall} runs over {@code lib/pythonX.Y} (standard library and
 * site-packages), before the tree is renamed to its final place: {@code -s}/{@code -p} record the final
 * paths in the bytecode, and {@code --invalidation-mode timestamp} makes Python recompile a module whose
 * source is changed later. {@code -B} keeps the compiler's own imports (and its workers', {@code -j 0})
 * from writing bytecode as they import: that bytecode would name the temporary folder, and the compiler
 * would then find it current and leave it. The bytecode is not in the manifest: as for the
 * {@code __pycache__} Python writes itself, the start's check does not read it. A failure here costs
 * speed, never the tree: it is logged and the unpack goes on.
 */
final class Precompiler {
    private static final Logger log = LoggerFactory.getLogger(Precompiler.class);
    /** Well past the 7-10 s the standard library and numpy take on 2 cores (15 s under a loaded CI). */
    private static final long TIMEOUT_SECONDS = 600;
    private static final long STOP_WAIT_SECONDS = 5;
    private static final int REPORTED_OUTPUT = 2_000;

    private Precompiler() {
    }

    /**
     * Compiles {@code dir}'s modules, {@code dir} being a tree unpacked for {@code finalPrefix}.
     *
     * @throws InterruptedIOException when the unpacking thread is interrupted meanwhile (the compiler is stopped)
     */
    static void compile(Path dir, Path finalPrefix, String pythonMajorMinor) throws InterruptedIOException {
        List<String> command = List.of(dir.resolve(PrefixLayout.EXECUTABLE).toString(), "-I", "-B", "-m", "compileall",
                "-q", "-j", "0", "--invalidation-mode", "timestamp", "-s", dir.toString(), "-p", finalPrefix.toString(),
                dir.resolve(PrefixLayout.LIBRARY_DIR).resolve("python" + pythonMajorMinor).toString());
        long start = System.nanoTime();
        Path output = null;
        try {
            output = Files.createTempFile("pybridge-compileall", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("LD_LIBRARY_PATH", dir.resolve(PrefixLayout.LIBRARY_DIR).toString());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!waitFor(process)) {
                log.warn("Compiling the bundled Python's modules did not finish in {} s; left to imports ({})",
                        TIMEOUT_SECONDS, tail(output));
                return;
            }
            if (process.exitValue() != 0) {
                log.warn("Compiling the bundled Python's modules failed (exit {}); left to imports: {}",
                        process.exitValue(), tail(output));
                return;
            }
            log.debug("Compiled the bundled Python's modules in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            log.warn("Could not compile the bundled Python's modules ({}); left to imports", e.toString());
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    log.debug("Could not delete {}", output, e);
                }
            }
        }
    }

    /** Waits for the compiler; stops it on timeout (false) or on an interrupt (rethrown as InterruptedIOException). */
    private static boolean waitFor(Process process) throws InterruptedIOException {
        try {
            if (process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return true;
            }
            stop(process);
            return false;
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compiling the bundled Python's modules");
        }
    }

    /**
     * Stops the compiler and its workers ({@code -j 0} starts one per core) and waits a little for them to end,
     * so that none still writes into the tree when the caller deletes it.
     */
    private static void stop(Process process) {
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        for (ProcessHandle handle : processes) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                log.debug("{} did not end in {} s after it was killed", handle.pid(), STOP_WAIT_SECONDS);
            }
        }
    }

    private static String tail(Path output) throws IOException {
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
        return text.length() <= REPORTED_OUTPUT ? text : "..." + text.substring(text.length() - REPORTED_OUTPUT);
    }
}
