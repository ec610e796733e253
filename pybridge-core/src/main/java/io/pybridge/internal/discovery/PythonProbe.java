package io.pybridge.internal.discovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a candidate interpreter once as {@code <exe> -c <probe script>} and reads what it says
 * about itself: version, prefixes, build variables, site-packages, {@code sys.path}, and from
 * those, where its shared libpython is. Answers are cached in memory and on disk (see
 * {@link ProbeKey}), so a JVM start after the first costs a few file look-ups, not a process.
 */
public final class PythonProbe {
    private static final Logger LOG = LoggerFactory.getLogger(PythonProbe.class);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    static final int MAX_STDOUT = 1 << 20;
    static final int MAX_STDERR = 64 << 10;
    private static final PythonProbe STANDARD = new PythonProbe(
            new ProbeCache(Optional.of(ProbeCache.defaultDirectory())),
            new BoundedProcessRunner(MAX_STDOUT, MAX_STDERR), DEFAULT_TIMEOUT);

    private final ProbeCache cache;
    private final ProcessRunner runner;
    private final Duration timeout;

    PythonProbe(ProbeCache cache, ProcessRunner runner, Duration timeout) {
        this.cache = cache;
        this.runner = runner;
        this.timeout = timeout;
    }

    /** The JVM-wide probe: 15 s limit, cache in {@link ProbeCache#defaultDirectory()}. */
    public static PythonProbe standard() {
        return STANDARD;
    }

    public ProbeResult probe(Path executable) throws ProbeException {
        return probe(executable, Map.of());
    }

    /**
     * Probes {@code executable}, run with this process's environment plus {@code extraEnvironment}.
     *
     * @throws ProbeException when it is not a runnable Python that answers the probe; the message
     *                        says why, in words for the person who configured it
     */
    public ProbeResult probe(Path executable, Map<String, String> extraEnvironment) throws ProbeException {
        Path absolute = executable.toAbsolutePath();
        checkRunnable(absolute);
        ProbeKey key;
        try {
            key = ProbeKey.of(absolute, extraEnvironment, System.getenv());
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.FAILED, "cannot read " + absolute + ": " + e, null, e);
        }
        Optional<byte[]> cached = cache.get(key);
        if (cached.isPresent()) {
            try {
                return ProbeResult.from(absolute, ProbeOutput.parse(cached.get(), pathCharset()));
            } catch (ProbeException e) {
                LOG.debug("cached probe of {} unusable ({}); probing again", absolute, e.getMessage());
                cache.evict(key);
            }
        }
        byte[] output = run(absolute, extraEnvironment);
        ProbeResult result = ProbeResult.from(absolute, ProbeOutput.parse(output, pathCharset()));
        cache.put(key, output);
        return result;
    }

    private static void checkRunnable(Path executable) throws ProbeException {
        if (!Files.exists(executable)) {
            if (Files.isSymbolicLink(executable)) {
                throw new ProbeException(ProbeException.Kind.DANGLING_LINK,
                        "broken symbolic link: " + SymlinkChain.describe(executable));
            }
            throw new ProbeException(ProbeException.Kind.MISSING, "file missing: " + executable);
        }
        if (Files.isDirectory(executable)) {
            throw new ProbeException(ProbeException.Kind.NOT_EXECUTABLE,
                    "a directory, not an interpreter: " + executable);
        }
        if (!Files.isExecutable(executable)) {
            throw new ProbeException(ProbeException.Kind.NOT_EXECUTABLE,
                    "not executable (no execute permission): " + executable);
        }
    }

    private byte[] run(Path executable, Map<String, String> extraEnvironment) throws ProbeException {
        List<String> command = List.of(executable.toString(), "-c", ProbeScript.TEXT);
        long started = System.nanoTime();
        ProcessRunner.Result result;
        try {
            result = runner.run(command, extraEnvironment, timeout);
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.FAILED, "could not be started: " + e.getMessage(), null, e);
        } catch (ProcessRunner.TimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, "the probe did not finish within "
                    + seconds(timeout) + " and was stopped (a Python answers in well under a second;"
                    + " something in its startup hangs, or it is not a Python)", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException(ProbeException.Kind.INTERRUPTED, "interrupted while probing " + executable,
                    null, e);
        }
        LOG.debug("probed {} in {} ms (exit status {})", executable, (System.nanoTime() - started) / 1_000_000,
                result.exitCode());
        if (result.exitCode() != 0) {
            throw new ProbeException(ProbeException.Kind.FAILED, "running it failed (exit status "
                    + result.exitCode() + "): " + failureLine(result));
        }
        if (result.stdoutTruncated()) {
            throw new ProbeException(ProbeException.Kind.NOT_PYTHON,
                    "not a Python: it printed more than " + (MAX_STDOUT >> 10) + " KiB in answer to the probe");
        }
        return result.stdout();
    }

    /** The line of a failed run that says most: the first of its error output, the last of a traceback. */
    static String failureLine(ProcessRunner.Result result) {
        byte[] shown = result.stderr().length > 0 ? result.stderr() : result.stdout();
        List<String> lines = new String(shown, StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "it printed nothing";
        }
        String line = lines.getFirst().startsWith("Traceback") ? lines.getLast() : lines.getFirst();
        return ProbeOutput.quote(line);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * How the probed interpreter encodes paths ({@code os.fsencode}): UTF-8 on Windows, otherwise
     * the locale's encoding, which is the one this JVM decodes file names with.
     */
    static Charset pathCharset() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return StandardCharsets.UTF_8;
        }
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? StandardCharsets.UTF_8 : Charset.forName(jnu);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
