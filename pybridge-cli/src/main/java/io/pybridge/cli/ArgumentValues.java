package io.pybridge.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the words of {@code pybridge run} pass to Python: a word that is one JSON value (RFC 8259,
 * strictly) is that value; any other word is passed as the string it is. So {@code 42} is an int,
 * {@code '"42"'} and {@code 007} are strings.
 *
 * <p>JSON objects become {@code LinkedHashMap}s (order kept; a repeated key keeps its last value),
 * arrays {@code List}s, integers {@code Integer}, {@code Long} or {@code BigInteger} by size, other
 * numbers {@code Double}.
 */
final class ArgumentValues {
    /** Deeper nesting than this is not JSON here (the word stays a string), so no word can exhaust the stack. */
    static final int MAX_DEPTH = 512;

    /*
     * Jackson's other read limits (1,000 digits in a number, ...) guard servers against hostile
     * input; a word is the user's own and the OS bounds its length, so only the depth is limited.
     */
    private static final ObjectReader JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(Object.class);

    private ArgumentValues() {
    }

    /** The value of one word. */
    static Object of(String word) {
        try {
            return JSON.readValue(word);
        } catch (JsonProcessingException e) {
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
