package io.pybridge.examples.media.app;

import io.pybridge.examples.media.samples.SampleMediaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: {@code --passes} analyzes the folder again and times each pass. */
class MediaAnalyzerAppTest {

    private static String run(int[] exitCode, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode[0] = new CommandLine(new MediaAnalyzerApp()).execute(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passesTimeEachAnalysisOfTheFolder(@TempDir Path folder) throws IOException {
        int files = SampleMediaGenerator.generate(folder).size();
        int[] exit = new int[1];
        String output = run(exit, "--system-python", "--no-progress", "--threads", "1", "--passes", "3", folder.toString());
        assertEquals(0, exit[0], output);
        for (int pass = 1; pass <= 3; pass++) {
            assertTrue(output.contains("pass " + pass + ": " + files + " files in "), output);
        }
        assertTrue(output.contains(files + " files in "), output);
    }

    @Test
    void fewerThanOnePassIsAUsageError(@TempDir Path folder) {
        int[] exit = new int[1];
        run(exit, "--passes", "0", folder.toString());
        assertEquals(2, exit[0]);
    }
}
