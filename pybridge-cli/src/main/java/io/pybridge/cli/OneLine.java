package io.pybridge.cli;

/** Makes a message fit on one line of a terminal: line breaks become " / ". */
final class OneLine {
    private OneLine() {
    }

    static String of(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        return String.join(" / ", text.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }
}
