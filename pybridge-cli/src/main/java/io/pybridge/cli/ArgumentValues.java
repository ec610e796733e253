package io.pybridge.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the words of {@code pybridge run} pass to Python: a word that is one JSON value is that value
 * (numbers, {@code true}/{@code false}/{@code null}, lists, objects, quoted strings); any other word
 * is passed as the string it is. So {@code 42} is an int, {@code '"42"'} and {@code 007} are strings.
 */
final class ArgumentValues {
    private ArgumentValues() {
    }

    /** The value of one word. */
    static Object of(String word) {
        try {
            return JsonReader.read(word);
        } catch (JsonReader.SyntaxException e) {
            return word;
        }
    }

    /** The positional arguments, in order. */
    static Object[] positional(List<String> words) {
        List<Object> values = new ArrayList<>(words.size());
        words.forEach(word -> values.add(of(word)));
        return values.toArray();
    }

    /** The keyword arguments, in the order given; names must be Python identifiers. */
    static Map<String, Object> keywords(Map<String, String> words) {
        Map<String, Object> values = new LinkedHashMap<>();
        words.forEach((name, word) -> values.put(name, of(word)));
        return values;
    }
}
