package io.pybridge.examples.media.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteTest {
    @Test
    void namesAndNumbers() {
        assertEquals(69, Note.parse("A4").midi());
        assertEquals(73, Note.parse("C#5").midi());
        assertEquals(73, Note.parse("Db5").midi());
        assertEquals(58, Note.parse("Bb3").midi());
        assertEquals(0, Note.parse("C-1").midi());
        assertEquals("C#5", Note.parse("Db5").name());
        for (int midi = 0; midi < 128; midi++) {
            assertEquals(midi, Note.parse(new Note(midi).name()).midi());
        }
    }

    @Test
    void equalTemperamentFromA440() {
        assertEquals(440.0, Note.parse("A4").frequency(), 1e-9);
        assertEquals(880.0, Note.parse("A5").frequency(), 1e-9);
        assertEquals(261.6256, Note.parse("C4").frequency(), 1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"H4", "A", "4A", "A#", "", "C##4", "G9x"})
    void badNamesAreRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> Note.parse(name));
    }

    @Test
    void outOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Note.parse("A9"));
        assertThrows(IllegalArgumentException.class, () -> new Note(-1));
    }
}
