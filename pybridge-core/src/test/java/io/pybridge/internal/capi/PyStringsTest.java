package io.pybridge.internal.capi;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strings of every storage kind (PEP 393: one, two or four bytes a character; ASCII; a subclass's, kept
 * outside the object) both ways, checked against code points Python and Java each compute themselves,
 * so that neither direction is checked with the conversion under test.
 */
class PyStringsTest {
    private final Python python = Python.start();

    /** Java strings whose code points, as Java counts them (a valid pair is one), Python must see. */
    private static final List<String> JAVA_SAMPLES = List.of("", "a", "abc".repeat(400), "?", "why?", "é", "ÿÿa",
            "héllo", "é".repeat(1000), "ж", "aéж中".repeat(250), "\u0000", "a\u0000b", "é\u0000", "ж\u0000",
            "😀", "a😀b".repeat(50), new String(Character.toChars(0x10FFFF)), "\uD800", "x\uDFFF", "?\uD800?",
            "\uDC00\uD800", "a\uD800😀", "ж\uDBFF", "\uD800" + "a".repeat(1000), "\uFFFF", "\u0100", "\u00FF\u0100",
            "\u007F\u0080");

    @Test
    void pythonSeesTheCodePointsOfEveryJavaString() {
        python.withGil(py -> {
            PyObject check = py.eval("""
                    lambda s, points, ascii: (
                        [ord(c) for c in s] == points
                        and s.isascii() == ascii
                        and s == ''.join(map(chr, points))
                        and hash(s) == hash(''.join(map(chr, points)))
                        and __import__('sys').getsizeof(s) == __import__('sys').getsizeof(''.join(map(chr, points))))
                    """);
            for (String text : JAVA_SAMPLES) {
                List<Long> points = new ArrayList<>();
                text.codePoints().forEach(point -> points.add((long) point));
                boolean ascii = text.chars().allMatch(c -> c < 0x80);
                assertTrue(check.call(text, points, ascii).as(Boolean.class),
                        () -> "Python's str differs from " + describe(text));
            }
            return null;
        });
    }

    @Test
    void javaReadsTheCodePointsOfEveryPythonString() {
        python.withGil(py -> {
            py.exec("""
                    class _PyStringsTestSub(str):
                        pass
                    _py_strings_samples = ['', 'a', 'abc' * 400, 'é', 'ÿÿa', 'ж', '中文' * 300, '\\x00', 'a\\x00b', 'é\\x00',
                        'ж\\x00', '😀', 'a😀b' * 50, chr(0x10FFFF), '\\ud800', 'x\\udfff', '\\ud83d\\ude00', 'a\\ud800😀',
                        '\\udbff\\U0010ffff', 'A' * 100000, 'é' * 100000, str(12345), 'abcdef'[2:4], 'ÿ'.upper(),
                        b'caf\\xe9'.decode('latin-1'), '%s-%d' % ('ж', 7), _PyStringsTestSub('sub'),
                        _PyStringsTestSub('sub é'), _PyStringsTestSub('ж'), _PyStringsTestSub('😀\\ud800'), 'name'.__class__.__name__]
                    """);
            PyObject samples = py.eval("_py_strings_samples");
            PyObject codePoints = py.eval("lambda s: [ord(c) for c in s]");
            for (long i = 0, n = samples.len(); i < n; i++) {
                PyObject sample = samples.getItem(i);
                StringBuilder expected = new StringBuilder();
                for (Object point : codePoints.call(sample).as(List.class)) {
                    expected.appendCodePoint(((Long) point).intValue());
                }
                assertEquals(expected.toString(), sample.as(String.class), "sample " + i + ": " + sample.repr());
            }
            return null;
        });
    }

    @Test
    void strsAreReadInPlaceOnEverySupportedInterpreter() {
        GilScope.call(ctx -> {
            long text = PythonCode.eval(ctx, "'ж' * 3");
            assertEquals("жжж", PyStrings.read(ctx.scratch(), text));
            CPython.Py_DecRef(text);
            long number = PythonCode.eval(ctx, "2 ** 70");
            assertNull(PyStrings.read(ctx.scratch(), number), "an int is not read as a str's characters");
            assertTrue(CPython.PyErr_Occurred() != 0, "a TypeError is set instead");
            CPython.PyErr_Clear();
            CPython.Py_DecRef(number);
            return null;
        });
        assertTrue(PyStrings.readsInPlace(), "the layout check passes on every supported interpreter");
    }

    private static String describe(String text) {
        StringBuilder units = new StringBuilder();
        text.chars().limit(8).forEach(c -> units.append(String.format("\\u%04X", c)));
        return units + (text.length() > 8 ? "... (" + text.length() + " code units)" : "");
    }
}
