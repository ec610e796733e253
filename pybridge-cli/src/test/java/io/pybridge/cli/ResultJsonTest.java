package io.pybridge.cli;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Python results (as the Java values they convert to) as JSON: the rules {@code pybridge run --help} states. */
class ResultJsonTest {

    private static String compact(Object value) {
        return ResultJson.write(value, false);
    }

    @Test
    void scalars() {
        assertEquals("null", compact(null));
        assertEquals("true", compact(true));
        assertEquals("-7", compact(-7L));
        assertEquals("12", compact(12));
        assertEquals("123456789012345678901234567890", compact(new BigInteger("123456789012345678901234567890")));
        assertEquals("0.1", compact(new BigDecimal("0.1")));
        assertEquals("2.5", compact(2.5));
        assertEquals("1.0E300", compact(1e300));
        assertEquals("0.5", compact(0.5f));
        assertEquals("\"x\"", compact('x'));
        assertEquals("\"SECONDS\"", compact(java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("\"a\"", compact(Optional.of("a")));
        assertEquals("null", compact(Optional.empty()));
    }

    @Test
    void nanAndInfinitiesBecomeStrings() {
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",\"NaN\"]",
                compact(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)));
    }

    @Test
    void bytesBecomeBase64() {
        assertEquals("\"AP8Q\"", compact(new byte[]{0, (byte) 0xff, 16}));
        assertEquals("\"\"", compact(new byte[0]));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é ☃ 😀\"",
                compact("quote \" backslash \\ newline \n tab \t bell \u0007 é ☃ 😀"));
        assertEquals("\"lone \\ud800 surrogate \\udc00\"", compact("lone \ud800 surrogate \udc00"));
    }

    @Test
    void containersKeepTheirOrderAndKeysBecomeStrings() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("s", List.of(1L, "a"));
        map.put(7L, new LinkedHashSet<>(List.of(3L)));
        map.put(List.of(1L, 2L), true);
        map.put(null, 0);
        map.put(new byte[]{104, 105}, "bytes key");
        map.put(2.5, new int[]{1, 2});
        map.put(Double.NaN, "nan key");
        map.put(BigInteger.TWO.pow(100), List.of(Map.of(false, 'c')));
        assertEquals("{\"s\":[1,\"a\"],\"7\":[3],\"[1,2]\":true,\"null\":0,\"aGk=\":\"bytes key\",\"2.5\":[1,2],"
                        + "\"NaN\":\"nan key\",\"1267650600228229401496703205376\":[{\"false\":\"c\"}]}",
                compact(map));
    }

    @Test
    void prettyIndentsByTwoSpaces() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1L, Map.of()));
        map.put("b", List.of());
        assertEquals("""
                {
                  "a": [
                    1,
                    {}
                  ],
                  "b": []
                }""", ResultJson.write(map, true));
    }

    @Test
    void depthIsNotLimitedHere() {
        Object value = List.of();
        for (int level = 1; level < 2000; level++) {
            value = List.of(value);
        }
        assertEquals("[".repeat(2000) + "]".repeat(2000), compact(value));
    }

    @Test
    void aValueThatContainsItselfIsRefused() {
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertThrows(IllegalArgumentException.class, () -> compact(list));
        List<Object> shared = Arrays.asList(1L);
        assertEquals("[[1],[1]]", compact(List.of(shared, shared)), "the same value twice is not a cycle");
    }
}
