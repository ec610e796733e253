package io.pybridge.examples.media.app;

import io.pybridge.ModulePaths;
import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.VideoAnalysis;
import io.pybridge.examples.media.decode.DecodeResult;
import io.pybridge.examples.media.decode.DecodedAnimation;
import io.pybridge.examples.media.decode.DecodedAudio;
import io.pybridge.examples.media.decode.DecodedImage;
import io.pybridge.examples.media.decode.MediaDecoder;
import io.pybridge.examples.media.scan.FolderScan;
import io.pybridge.examples.media.scan.MediaFile;
import io.pybridge.examples.media.scan.MediaWalker;
import io.pybridge.ml.ProgressListener;
import io.pybridge.numpy.DType;
import io.pybridge.numpy.NDArray;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's media analyzer: Java walks and decodes a folder, the Python module {@code embedders}
 * transcribes audio, embeds images and clips and analyzes them. Files are handled on virtual threads
 * (at most {@code parallelism} at once); decoded pixels and samples reach numpy without a copy.
 */
public final class MediaAnalyzer {
    /** Images at least this similar (cosine of unit embeddings) are reported as near-duplicates. */
    static final double DUPLICATE_SIMILARITY = 0.95;

    private final Python python;
    private final Embedders embedders;
    private final int parallelism;

    public MediaAnalyzer(Python python, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.python = python;
        this.parallelism = parallelism;
        python.addModulePath(moduleFolder());
        this.embedders = python.bind(Embedders.class, "embedders");
    }

    /**
     * The folder holding the {@code embedders} package: {@code $MEDIA_ANALYZER_PYTHON}, then
     * {@code python/} and {@code examples/media-analyzer/python/} from the working directory, then
     * next to the application's jar (the seed's candidate list).
     */
    public static Path moduleFolder() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("MEDIA_ANALYZER_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("python"));
        candidates.add(Path.of("examples", "media-analyzer", "python"));
        try {
            Path code = Path.of(MediaAnalyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            candidates.add(code.getParent().resolveSibling("python"));
        } catch (URISyntaxException | RuntimeException e) {
            // Not loaded from a file (e.g. a custom class loader): the other candidates remain.
        }
        return ModulePaths.find("embedders", candidates.toArray(Path[]::new));
    }

    /** Loads the Python models; Python reports (done, total, message) to {@code progress} as it goes. */
    public Map<String, Object> loadModels(ProgressListener progress) {
        try (PyObject callback = python.withGil(progress::toPython)) {
            return embedders.loadAllModels(callback);
        }
    }

    public List<String> unloadModels() {
        return embedders.unloadAllModels();
    }

    /** Analyzes every media file under {@code folder}; unreadable files are reported, never fatal. */
    public AnalysisReport analyze(Path folder, ProgressListener progress) throws IOException, InterruptedException {
        long start = System.nanoTime();
        FolderScan scan = MediaWalker.scan(folder);
        int total = scan.media().size();
        AtomicInteger done = new AtomicInteger();
        progress.progress(0, total, "");
        Semaphore slots = new Semaphore(parallelism);
        List<Future<FileResult>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (MediaFile file : scan.media()) {
                futures.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return analyzeFile(file);
                    } finally {
                        slots.release();
                        progress.progress(done.incrementAndGet(), total, file.path().getFileName().toString());
                    }
                }));
            }
            List<FileResult> results = new ArrayList<>();
            for (Future<FileResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("analysis task failed unexpectedly", e.getCause());
                }
            }
            return new AnalysisReport(folder, NearestNeighbours.link(results), scan.rejected(),
                    Duration.ofNanos(System.nanoTime() - start), parallelism);
        }
    }

    /** One file: decoded into off-heap memory that numpy reads in place, then handed to Python. */
    FileResult analyzeFile(MediaFile file) {
        long start = System.nanoTime();
        // Arena.ofAuto: numpy arrays over this memory keep it alive for as long as Python holds them.
        DecodeResult decoded = MediaDecoder.decode(file, Arena.ofAuto());
        try {
            return switch (decoded) {
                case DecodeResult.Failed failed -> FileResult.failed(file.path(), file.kind(), failed.reason(), millis(start));
                case DecodeResult.Decoded ok -> switch (ok.media()) {
                    case DecodedAudio audio -> audio(file, audio, start);
                    case DecodedImage image -> image(file, image, start);
                    case DecodedAnimation animation -> animation(file, animation, start);
                };
            };
        } catch (RuntimeException e) {
            return FileResult.failed(file.path(), file.kind(), e.getClass().getSimpleName() + ": " + e.getMessage(),
                    millis(start));
        }
    }

    private FileResult audio(MediaFile file, DecodedAudio audio, long start) {
        try (NDArray samples = NDArray.wrap(audio.data(), DType.FLOAT32, audio.shape())) {
            String notes = embedders.transcribe(samples, audio.sampleRate());
            return new FileResult(file.path(), MediaKind.AUDIO, Optional.of(notes), Optional.empty(), new float[0],
                    Optional.empty(), 0, Optional.empty(), millis(start));
        }
    }

    private FileResult image(MediaFile file, DecodedImage image, long start) {
        try (NDArray pixels = NDArray.wrap(image.data(), DType.UINT8, image.shape());
             NDArray embedding = embedders.embedImages(List.of(pixels))) {
            VideoAnalysis analysis = embedders.analyze(pixels);
            return new FileResult(file.path(), MediaKind.IMAGE, Optional.empty(), Optional.of(analysis),
                    embedding.toFloatArray(), Optional.empty(), 0, Optional.empty(), millis(start));
        }
    }

    private FileResult animation(MediaFile file, DecodedAnimation animation, long start) {
        try (NDArray frames = NDArray.wrap(animation.data(), DType.UINT8, animation.shape());
             NDArray embedding = embedders.embedVideo(frames)) {
            VideoAnalysis analysis = embedders.analyze(frames);
            return new FileResult(file.path(), MediaKind.ANIMATION, Optional.empty(), Optional.of(analysis),
                    embedding.toFloatArray(), Optional.empty(), 0, Optional.empty(), millis(start));
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
