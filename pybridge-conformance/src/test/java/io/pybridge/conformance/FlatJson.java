package io.pybridge.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (string, number, boolean and null values; no nesting), the shape of every
 * line {@code parity_runner.py} writes. Values come back as their text: strings unescaped, the rest as
 * written ({@code "12.5"}, {@code "true"}), null as {@code null}.
 */
final class FlatJson {
    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    static Map<String, String> parse(String line) {
        return new FlatJson(line).object();
    }

    private Map<String, String> object() {
        Map<String, String> fields = new LinkedHashMap<>();
        expect('{');
        skipSpaces();
        if (peek() == '}') {
            at++;
            return fields;
        }
        while (true) {
            skipSpaces();
            String key = string();
            skipSpaces();
            expect(':');
            skipSpaces();
            fields.put(key, value());
            skipSpaces();
            char next = next();
            if (next == '}') {
                return fields;
            }
            if (next != ',') {
                throw error("',' or '}' expected");
            }
        }
    }

    private String value() {
        if (peek() == '"') {
            return string();
        }
        int start = at;
        while (at < text.length() && ",} \t".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String literal = text.substring(start, at);
        if (literal.isEmpty() || literal.startsWith("{") || literal.startsWith("[")) {
            throw error("a flat value expected");
        }
        return literal.equals("null") ? null : literal;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw error("unknown escape \\" + escaped);
            }
        }
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw error("'" + wanted + "' expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at column " + at + " of: " + text);
    }
}
