package io.pybridge.examples.media.app;

import io.pybridge.Python;
import io.pybridge.PythonException;
import io.pybridge.examples.media.samples.SampleMediaGenerator;
import io.pybridge.ml.GpuDevice;
import io.pybridge.ml.GpuMonitor;
import io.pybridge.ml.GpuSnapshot;
import io.pybridge.ml.TerminalProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/media-analyzer}: the reference application's command line. */
@Command(name = "media-analyzer", mixinStandardHelpOptions = true,
        description = {"Analyzes a folder of images, WAV audio and animated GIFs with the Python module 'embedders': "
                + "notes in audio, descriptions, keywords and meme detection for images and clips, and near-duplicates.",
                "", "Without a folder it generates sample media first (and says where). Runs on the bundled CPython 3.14 "
                + "unless told otherwise."},
        footer = {"", "Exit codes: 0 done (unreadable files are reported and skipped), 1 Python failed, 2 usage."})
public final class MediaAnalyzerApp implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FOLDER", description = "Folder to analyze (default: generated samples).")
    private Path folder;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    private boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Files analyzed at once, each on a virtual thread (default: ${DEFAULT-VALUE}).")
    private int threads = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    @Option(names = "--python", paramLabel = "PATH", description = "Embed this Python (a venv's bin/python works) instead of the bundled one.")
    private Path pythonExecutable;

    @Option(names = "--system-python", description = "Find Python as PyBridge does by default (pybridge.python, PYBRIDGE_PYTHON, venv, PATH).")
    private boolean systemPython;

    @Option(names = "--passes", paramLabel = "N", description = "Analyze the folder N times and print each pass's time: "
            + "the first pass runs cold (classes loading, code not compiled yet), the later ones warm (default: ${DEFAULT-VALUE}).")
    private int passes = 1;

    @Option(names = "--no-progress", description = "No progress bar (it is never drawn when output is not a terminal).")
    private boolean noProgress;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MediaAnalyzerApp()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (passes < 1) {
            System.err.println("media-analyzer: --passes must be at least 1, not " + passes);
            return 2;
        }
        PrintStream out = System.out;
        PrintStream info = json ? System.err : System.out;
        Path target = folder != null ? folder : generateSamples(info);
        if (!Files.isDirectory(target)) {
            System.err.println("media-analyzer: " + target + " is not a folder");
            return 2;
        }
        Python python = startPython();
        info.println("Python " + python.runtime().version() + " (" + python.runtime().source() + ")");
        try (GpuMonitor gpus = GpuMonitor.open(python)) {
            info.println(gpuLine(gpus.snapshot()));
        }
        try (TerminalProgressBar progress = new TerminalProgressBar(System.err, "loading", !noProgress)) {
            MediaAnalyzer analyzer = new MediaAnalyzer(python, threads);
            Thread decoderWarmUp = DecoderWarmUp.start();
            Map<String, Object> models = analyzer.loadModels(progress);
            progress.close();
            info.println("Models: " + models.get("backend") + " on " + models.get("device") + " " + models.get("models"));
            DecoderWarmUp.await(decoderWarmUp);
            AnalysisReport report = null;
            for (int pass = 1; pass <= passes; pass++) {
                progress.label(pass == 1 ? "analyzing" : "pass " + pass);
                report = analyzer.analyze(target, progress);
                progress.close();
                if (passes > 1) {
                    info.printf(Locale.ROOT, "pass %d: %d files in %.3f s%n", pass, report.results().size(),
                            report.elapsed().toNanos() / 1e9);
                }
            }
            if (json) {
                ReportPrinter.json(report, out);
            } else {
                ReportPrinter.table(report, out);
            }
            info.println("Unloaded: " + analyzer.unloadModels());
            info.printf(Locale.ROOT, "%d files in %.2f s (%.1f files/s, %d at once), %d skipped or failed, peak RSS %s%n",
                    report.results().size(), report.elapsed().toNanos() / 1e9, report.filesPerSecond(),
                    report.parallelism(), report.failures(), peakResident());
            return 0;
        } catch (PythonException e) {
            System.err.println("media-analyzer: " + e.getMessage());
            return 1;
        }
    }

    private Python startPython() {
        Python.Builder builder = Python.builder();
        if (pythonExecutable != null) {
            builder.executable(pythonExecutable);
        } else if (!systemPython) {
            builder.bundled();
        }
        return builder.start();
    }

    private static Path generateSamples(PrintStream info) throws IOException {
        Path dir = Files.createTempDirectory("media-samples-");
        int count = SampleMediaGenerator.generate(dir).size();
        info.println("No folder given: generated " + count + " sample files in " + dir);
        return dir;
    }

    static String gpuLine(GpuSnapshot snapshot) {
        if (!snapshot.available()) {
            return "GPU: none (" + snapshot.unavailableReason().orElse("unknown") + ")";
        }
        StringBuilder line = new StringBuilder("GPU (" + snapshot.source() + "):");
        for (GpuDevice d : snapshot.devices()) {
            line.append(String.format(Locale.ROOT, " #%d %s %.1f/%.1f GiB used;", d.index(), d.name(),
                    d.usedBytes() / 1073741824.0, d.totalBytes() / 1073741824.0));
        }
        return line.toString();
    }

    /** The process's peak resident set (VmHWM) where /proc has it. */
    static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
