package io.pybridge.examples.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoAnalysisTest {
    @Test
    void keywordsAreAnUnmodifiableCopy() {
        List<String> keywords = new ArrayList<>(List.of("still", "meme"));
        VideoAnalysis analysis = new VideoAnalysis("Still image", keywords, true);
        keywords.add("later");
        assertEquals(List.of("still", "meme"), analysis.keywords());
        assertThrows(UnsupportedOperationException.class, () -> analysis.keywords().add("x"));
    }

    @Test
    void descriptionIsRequired() {
        assertThrows(NullPointerException.class, () -> new VideoAnalysis(null, List.of(), false));
    }
}
