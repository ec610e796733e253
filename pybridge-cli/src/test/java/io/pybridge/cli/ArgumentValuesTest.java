package io.pybridge.cli;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Words of {@code pybridge run} to values: JSON when the word is one JSON value, else the word itself. */
class ArgumentValuesTest {

    @Test
    void jsonWordsBecomeTheirValues() {
        assertEquals(42, ArgumentValues.of("42"));
        assertEquals(-5, ArgumentValues.of("-5"));
        assertEquals(1L << 40, ArgumentValues.of("1099511627776"));
        assertEquals(new BigInteger("123456789012345678901234567890"), ArgumentValues.of("123456789012345678901234567890"));
        assertEquals(Long.MIN_VALUE, ArgumentValues.of("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), ArgumentValues.of("9223372036854775808"));
        assertEquals(2.5, ArgumentValues.of("2.5"));
        assertEquals(1e-3, ArgumentValues.of("1E-3"));
        assertEquals(Boolean.TRUE, ArgumentValues.of("true"));
        assertEquals(Boolean.FALSE, ArgumentValues.of(" false "));
        assertNull(ArgumentValues.of("null"));
        assertEquals("42", ArgumentValues.of("\"42\""));
        assertEquals("tab\there \u00e9 \ud83d\ude00 /", ArgumentValues.of("\"tab\\there \\u00e9 \\ud83d\\ude00 \\/\""));
        assertEquals(List.of(1, List.of(), Map.of("a", List.of(true))), ArgumentValues.of("[1, [], {\"a\": [true]}]"));
    }

    @Test
    void integersOfAnyLengthAreNumbers() {
        String digits = "7".repeat(5000);
        assertTrue(new BigInteger(digits).equals(ArgumentValues.of(digits)), "5000 digits are one int");
        assertTrue(List.of(new BigInteger("-" + digits)).equals(ArgumentValues.of("[-" + digits + "]")), "in a list too");
    }

    @Test
    void objectsKeepKeyOrderAndTheLastOfARepeatedKey() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", 2);
        expected.put("a", 1);
        Object value = ArgumentValues.of("{\"z\": 0, \"a\": 1, \"z\": 2}");
        assertEquals(expected, value);
        assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) value).keySet()));
    }

    @Test
    void otherWordsStayStrings() {
        for (String word : List.of("hello", "hello world", "007", "01", "1.", ".5", "+1", "1e", "True", "nul",
                "[1, 2", "{\"a\" 1}", "{a: 1}", "[1,]", "\"open", "\"bad \\x escape\"", "'single'", "", " ",
                "NaN", "Infinity", "42 43", "\"raw\ttab\"")) {
            assertEquals(word, ArgumentValues.of(word), "'" + word + "' stays a string");
        }
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deepest = "[".repeat(ArgumentValues.MAX_DEPTH) + "]".repeat(ArgumentValues.MAX_DEPTH);
        Object value = ArgumentValues.of(deepest);
        for (int level = 1; level < ArgumentValues.MAX_DEPTH; level++) {
            value = ((List<?>) value).getFirst();
        }
        assertEquals(List.of(), value, "nesting up to the limit is JSON");
        String tooDeep = "[" + deepest + "]";
        assertEquals(tooDeep, ArgumentValues.of(tooDeep));
        String muchTooDeep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(muchTooDeep, ArgumentValues.of(muchTooDeep));
    }

    @Test
    void positionalAndKeywords() {
        assertArrayEquals(new Object[]{1, "x", null}, ArgumentValues.positional(List.of("1", "x", "null")));
        Map<String, String> words = new LinkedHashMap<>();
        words.put("b", "[1]");
        words.put("a", "text");
        assertEquals(List.of("b", "a"), List.copyOf(ArgumentValues.keywords(words).keySet()));
        assertEquals(List.of(1), ArgumentValues.keywords(words).get("b"));
    }
}
