package io.pybridge.examples.media.scan;

import io.pybridge.examples.media.MediaFormat;
import io.pybridge.examples.media.MediaKind;
import io.pybridge.examples.media.samples.SampleMedia;
import io.pybridge.examples.media.samples.SampleMediaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MediaWalkerTest {
    @TempDir
    Path root;

    private static Map<String, MediaFile> byName(FolderScan scan) {
        return scan.media().stream().collect(Collectors.toMap(file -> file.path().getFileName().toString(), Function.identity()));
    }

    @Test
    void classifiesTheSampleFolderByContent() throws IOException {
        List<SampleMedia> samples = SampleMediaGenerator.generate(root.resolve("samples"));
        FolderScan scan = MediaWalker.scan(root);
        assertEquals(samples.size(), scan.media().size());
        assertEquals(List.of(), scan.rejected());
        assertEquals(0, scan.skipped());
        Map<String, MediaFile> media = byName(scan);
        for (SampleMedia sample : samples) {
            MediaFile file = media.get(sample.path().getFileName().toString());
            assertEquals(sample.kind(), file.kind(), file.toString());
            assertEquals(Files.size(sample.path()), file.size());
        }
        assertEquals(MediaFormat.JPEG, media.get("sunset-noisy-copy.jpg").format());
        assertEquals(MediaFormat.BMP, media.get("shapes.bmp").format());
        assertEquals(MediaKind.ANIMATION, media.get("bouncing-ball.gif").kind());
        assertEquals(4, scan.media(MediaKind.AUDIO).size());
        List<Path> paths = scan.media().stream().map(MediaFile::path).toList();
        assertEquals(paths.stream().sorted().toList(), paths, "path order");
    }

    @Test
    void contentWinsOverNamesAndNonMediaIsSortedOut() throws IOException {
        Path samples = root.resolve("samples");
        SampleMediaGenerator.generate(samples);
        Path nested = Files.createDirectories(root.resolve("a/b/c"));
        Files.copy(samples.resolve("sunset.png"), nested.resolve("disguised.wav"));
        Files.copy(samples.resolve("tones-a-major.wav"), nested.resolve("no-extension"));
        Files.writeString(nested.resolve("broken.png"), "<html>not a picture</html>");
        Files.createFile(nested.resolve("empty.gif"));
        Files.writeString(nested.resolve("notes.txt"), "just text");
        Files.createFile(nested.resolve("empty.txt"));

        FolderScan scan = MediaWalker.scan(root);
        Map<String, MediaFile> media = byName(scan);
        assertEquals(MediaFormat.PNG, media.get("disguised.wav").format());
        assertEquals(MediaKind.IMAGE, media.get("disguised.wav").kind());
        assertEquals(MediaKind.AUDIO, media.get("no-extension").kind());

        Map<String, String> rejected = scan.rejected().stream()
                .collect(Collectors.toMap(file -> file.path().getFileName().toString(), RejectedFile::reason));
        assertEquals(Map.of(
                "broken.png", "named like a PNG file but its content is not a known media format (starts with 3c 68 74 6d 6c 3e 6e 6f)",
                "empty.gif", "empty file"), rejected);
        assertEquals(2, scan.skipped());
    }

    @Test
    void singleFrameGifIsAnImage() throws IOException {
        SampleMediaGenerator.generate(root);
        byte[] animated = Files.readAllBytes(root.resolve("bouncing-ball.gif"));
        // Keep the header, the first frame's blocks and add the trailer: a still GIF.
        int firstFrameEnd = endOfFirstFrame(animated);
        byte[] still = java.util.Arrays.copyOf(animated, firstFrameEnd + 1);
        still[firstFrameEnd] = 0x3B;
        Files.write(root.resolve("still.gif"), still);
        assertEquals(MediaKind.IMAGE, byName(MediaWalker.scan(root)).get("still.gif").kind());
    }

    @Test
    void linksToFilesAreFollowedLinksToFoldersAreNot() throws IOException {
        Path samples = root.resolve("samples");
        SampleMediaGenerator.generate(samples);
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(elsewhere.resolve("link.png"), samples.resolve("meme.png"));
        Files.createSymbolicLink(elsewhere.resolve("loop"), root);
        Files.createSymbolicLink(elsewhere.resolve("dangling.png"), root.resolve("missing.png"));
        FolderScan scan = MediaWalker.scan(elsewhere);
        assertEquals(List.of(elsewhere.resolve("link.png")), scan.media().stream().map(MediaFile::path).toList());
        assertEquals(1, scan.skipped(), "the dangling link");
    }

    @Test
    void aSingleFileCanBeScanned() throws IOException {
        SampleMediaGenerator.generate(root);
        FolderScan scan = MediaWalker.scan(root.resolve("meme.png"));
        assertEquals(1, scan.media().size());
        assertEquals(MediaFormat.PNG, scan.media().getFirst().format());
    }

    @Test
    void aMissingRootIsAnError() {
        assertThrows(NoSuchFileException.class, () -> MediaWalker.scan(root.resolve("nowhere")));
    }

    /** The offset just after the first image block's data of a GIF. */
    private static int endOfFirstFrame(byte[] gif) {
        int position = 13 + ((gif[10] & 0x80) != 0 ? 3 * (2 << (gif[10] & 7)) : 0);
        while (true) {
            int block = gif[position++] & 0xFF;
            if (block == 0x21) {
                position++;
            } else if (block == 0x2C) {
                int flags = gif[position + 8] & 0xFF;
                position += 9 + ((flags & 0x80) != 0 ? 3 * (2 << (flags & 7)) : 0) + 1;
            }
            for (int length = gif[position++] & 0xFF; length != 0; length = gif[position++] & 0xFF) {
                position += length;
            }
            if (block == 0x2C) {
                return position;
            }
        }
    }
}
