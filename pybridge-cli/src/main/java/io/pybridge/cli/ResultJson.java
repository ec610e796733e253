package io.pybridge.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pybridge.PyObject;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Java values a Python result converts to, as JSON text.
 *
 * <ul>
 *   <li>{@code Map} → object; a key that is not a string is written as its JSON text
 *       ({@code 1}, {@code true}, {@code [1,2]} for a tuple), {@code null} as {@code "null"}</li>
 *   <li>{@code List}, {@code Set}, other collections and arrays → array</li>
 *   <li>{@code String}, {@code Character}, enum (its name) → string</li>
 *   <li>integers of any size, {@code BigInteger}, {@code BigDecimal} → number, every digit kept</li>
 *   <li>{@code Double}, {@code Float} → number; NaN and the infinities, which JSON cannot hold, →
 *       the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (so no value is lost
 *       and the output stays valid JSON)</li>
 *   <li>{@code Boolean} → {@code true}/{@code false}; {@code null} → {@code null}</li>
 *   <li>{@code byte[]} → string, base64 (RFC 4648, with padding)</li>
 *   <li>{@code PyObject} (a Python value with no natural Java form) → string, its {@code repr()}</li>
 *   <li>{@code Optional} → its value or {@code null}; anything else → string, its {@code toString()}</li>
 * </ul>
 * A lone surrogate (Python strings may hold one) is written as a {@code \\u} escape, so the text
 * stays valid UTF-8.
 */
final class ResultJson {
    /** No depth limit of its own: how deep a result can be is the converter's to say (1,000 levels). */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                    .build())
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            // Written as bytes, a surrogate pair becomes its UTF-8 character and a lone one a \\u escape.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();
    /** Two spaces per level, "key": value, every array and object entry on its own line, {} and [] when empty. */
    private static final PrettyPrinter INDENTED = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /** The containers being converted, to refuse a value that contains itself. */
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private ResultJson() {
    }

    /** {@code value} as JSON, indented by two spaces per level when {@code pretty}, else on one line. */
    static String write(Object value, boolean pretty) {
        return text(new ResultJson().node(value), pretty);
    }

    private static String text(JsonNode tree, boolean pretty) {
        try {
            byte[] utf8 = pretty ? JSON.writer(INDENTED).writeValueAsBytes(tree) : JSON.writeValueAsBytes(tree);
            return new String(utf8, StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written: " + e.getMessage(), e);
        }
    }

    private JsonNode node(Object value) {
        JsonNodeFactory nodes = JSON.getNodeFactory();
        return switch (value) {
            case null -> nodes.nullNode();
            case Boolean b -> nodes.booleanNode(b);
            case String s -> nodes.textNode(s);
            case Character c -> nodes.textNode(c.toString());
            case Double d -> nodes.numberNode(d);
            case Float f -> nodes.numberNode(f);
            case BigDecimal d -> nodes.numberNode(d);
            case BigInteger i -> nodes.numberNode(i);
            case Long l -> nodes.numberNode(l);
            case Integer i -> nodes.numberNode(i);
            case Short s -> nodes.numberNode(s);
            case Byte b -> nodes.numberNode(b);
            case byte[] bytes -> nodes.binaryNode(bytes);
            case PyObject object -> nodes.textNode(object.repr());
            case Enum<?> e -> nodes.textNode(e.name());
            case Optional<?> optional -> node(optional.orElse(null));
            case Map<?, ?> map -> container(map);
            case Collection<?> collection -> container(collection);
            default -> value.getClass().isArray() ? container(value) : nodes.textNode(value.toString());
        };
    }

    /** A map, collection or array: refuses cycles, then converts its entries. */
    private JsonNode container(Object container) {
        if (!open.add(container)) {
            throw new IllegalArgumentException("the value contains itself; JSON cannot show that");
        }
        try {
            if (container instanceof Map<?, ?> map) {
                ObjectNode object = JSON.createObjectNode();
                map.forEach((key, value) -> object.set(key(key), node(value)));
                return object;
            }
            ArrayNode array = JSON.createArrayNode();
            if (container instanceof Collection<?> collection) {
                collection.forEach(item -> array.add(node(item)));
            } else {
                for (int i = 0, length = Array.getLength(container); i < length; i++) {
                    array.add(node(Array.get(container, i)));
                }
            }
            return array;
        } finally {
            open.remove(container);
        }
    }

    /** A map key as JSON needs it: a string as it is, anything else as the text it is written as. */
    private String key(Object key) {
        if (key instanceof String s) {
            return s;
        }
        JsonNode node = node(key);   // null -> null, 1 -> 1, NaN -> NaN, bytes -> base64, a tuple -> [1,2]
        return node.isContainerNode() ? text(node, false) : node.asText();
    }
}
