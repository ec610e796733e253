package io.pybridge.examples.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GifDisposalTest {
    @Test
    void readsImageioMetadataNames() {
        assertEquals(GifDisposal.UNSPECIFIED, GifDisposal.ofMetadataName("none"));
        assertEquals(GifDisposal.KEEP, GifDisposal.ofMetadataName("doNotDispose"));
        assertEquals(GifDisposal.RESTORE_BACKGROUND, GifDisposal.ofMetadataName("restoreToBackgroundColor"));
        assertEquals(GifDisposal.RESTORE_PREVIOUS, GifDisposal.ofMetadataName("restoreToPrevious"));
        assertEquals(GifDisposal.UNSPECIFIED, GifDisposal.ofMetadataName("undefinedDisposalMethod5"));
        assertThrows(IllegalArgumentException.class, () -> GifDisposal.ofMetadataName("sometimes"));
    }
}
