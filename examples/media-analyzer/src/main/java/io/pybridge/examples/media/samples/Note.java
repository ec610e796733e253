package io.pybridge.examples.media.samples;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A note of equal temperament (A4 = 440 Hz) in scientific pitch notation: "A4", "C#5", "Bb3".
 *
 * @param midi the MIDI note number, 0 (C-1) to 127 (G9)
 */
public record Note(int midi) {
    private static final List<String> NAMES = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");
    private static final Pattern PATTERN = Pattern.compile("([A-G])([#b]?)(-?\\d+)");

    public Note {
        if (midi < 0 || midi > 127) {
            throw new IllegalArgumentException("MIDI note " + midi + " is outside 0..127");
        }
    }

    /** Parses "A4", "C#5" or "Bb3". */
    public static Note parse(String name) {
        Matcher matcher = PATTERN.matcher(name.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a note name: '" + name + "' (expected e.g. A4, C#5, Bb3)");
        }
        int pitchClass = NAMES.indexOf(matcher.group(1));
        pitchClass += switch (matcher.group(2)) {
            case "#" -> 1;
            case "b" -> -1;
            default -> 0;
        };
        int octave = Integer.parseInt(matcher.group(3));
        return new Note((octave + 1) * 12 + pitchClass);
    }

    public double frequency() {
        return 440.0 * Math.pow(2.0, (midi - 69) / 12.0);
    }

    /** The name with sharps, as the transcriber writes it: "C#5". */
    public String name() {
        return NAMES.get(midi % 12) + (midi / 12 - 1);
    }

    @Override
    public String toString() {
        return name();
    }
}
