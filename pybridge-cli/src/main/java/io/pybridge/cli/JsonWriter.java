package io.pybridge.cli;

import io.pybridge.PyObject;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the Java values a Python result converts to as JSON text.
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
 * Strings are escaped as RFC 8259 requires; a lone surrogate is written as a {@code \\u} escape.
 */
final class JsonWriter {
    private final boolean pretty;
    private final StringBuilder out = new StringBuilder();
    /** The containers being written, to refuse a value that contains itself. */
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** {@code value} as JSON, indented by two spaces per level when {@code pretty}, else on one line. */
    static String write(Object value, boolean pretty) {
        JsonWriter writer = new JsonWriter(pretty);
        writer.value(value, 0);
        return writer.out.toString();
    }

    private void value(Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case String s -> string(s);
            case Character c -> string(c.toString());
            case Double d -> floating(d, Double.toString(d));
            case Float f -> floating(f, Float.toString(f));
            case BigDecimal d -> out.append(d.toString());
            case BigInteger i -> out.append(i);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Short s -> out.append(s);
            case Byte b -> out.append(b);
            case byte[] bytes -> string(Base64.getEncoder().encodeToString(bytes));
            case PyObject object -> string(object.repr());
            case Enum<?> e -> string(e.name());
            case Optional<?> optional -> value(optional.orElse(null), depth);
            case Map<?, ?> map -> container(map, depth);
            case Collection<?> collection -> container(collection, depth);
            default -> {
                if (value.getClass().isArray()) {
                    container(value, depth);
                } else {
                    string(value.toString());
                }
            }
        }
    }

    private void floating(double value, String text) {
        if (Double.isNaN(value)) {
            string("NaN");
        } else if (Double.isInfinite(value)) {
            string(value > 0 ? "Infinity" : "-Infinity");
        } else {
            out.append(text);
        }
    }

    /** A map, collection or array: refuses cycles, then writes its entries. */
    private void container(Object container, int depth) {
        if (!open.add(container)) {
            throw new IllegalArgumentException("the value contains itself; JSON cannot show that");
        }
        try {
            switch (container) {
                case Map<?, ?> map -> object(map, depth);
                case Collection<?> collection -> array(collection.toArray(), depth);
                default -> {
                    Object[] items = new Object[Array.getLength(container)];
                    for (int i = 0; i < items.length; i++) {
                        items[i] = Array.get(container, i);
                    }
                    array(items, depth);
                }
            }
        } finally {
            open.remove(container);
        }
    }

    private void object(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            separator(first, depth + 1);
            first = false;
            string(key(entry.getKey()));
            out.append(pretty ? ": " : ":");
            value(entry.getValue(), depth + 1);
        }
        newline(depth);
        out.append('}');
    }

    private void array(Object[] items, int depth) {
        if (items.length == 0) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < items.length; i++) {
            separator(i == 0, depth + 1);
            value(items[i], depth + 1);
        }
        newline(depth);
        out.append(']');
    }

    /** A map key as JSON needs it: a string as it is, anything else as the text it is written as. */
    private static String key(Object key) {
        if (key instanceof String s) {
            return s;
        }
        String json = write(key, false);   // null -> null, 1 -> 1, a tuple -> [1,2], bytes -> "base64"
        if (!json.startsWith("\"")) {
            return json;
        }
        try {
            return (String) JsonReader.read(json);
        } catch (JsonReader.SyntaxException e) {
            throw new AssertionError("JsonWriter wrote a string JsonReader cannot read: " + json, e);
        }
    }

    private void separator(boolean first, int depth) {
        if (!first) {
            out.append(',');
        }
        newline(depth);
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n').repeat(' ', 2 * depth);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || loneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
