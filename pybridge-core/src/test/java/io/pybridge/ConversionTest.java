package io.pybridge;

import io.pybridge.convert.TypeRef;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversionTest {
    private final Python python = Python.start();

    enum Color { RED, GREEN }

    private Object roundTrip(Object value) {
        return python.withGil(py -> py.toPython(value).as(Object.class));
    }

    private String pythonRepr(Object value) {
        return python.withGil(py -> py.toPython(value).repr());
    }

    @Test
    void scalarsToPython() {
        assertEquals("None", pythonRepr(null));
        assertEquals("None", pythonRepr(Optional.empty()));
        assertEquals("True", pythonRepr(true));
        assertEquals("7", pythonRepr((byte) 7));
        assertEquals("-7", pythonRepr((short) -7));
        assertEquals("2147483647", pythonRepr(Integer.MAX_VALUE));
        assertEquals("-9223372036854775808", pythonRepr(Long.MIN_VALUE));
        assertEquals("123456789012345678901234567890", pythonRepr(new BigInteger("123456789012345678901234567890")));
        assertEquals("-123456789012345678901234567890", pythonRepr(new BigInteger("-123456789012345678901234567890")));
        assertEquals("1.5", pythonRepr(1.5f));
        assertEquals("inf", pythonRepr(Double.POSITIVE_INFINITY));
        assertEquals("'x'", pythonRepr('x'));
        assertEquals("'RED'", pythonRepr(Color.RED));
        assertEquals("'/tmp/a b'", pythonRepr(Path.of("/tmp/a b")));
        assertEquals("b'\\x00\\xff'", pythonRepr(new byte[] {0, (byte) 0xff}));
        assertEquals("3", pythonRepr(Optional.of(3)));
    }

    @Test
    void scalarsBack() {
        assertNull(roundTrip(null));
        assertEquals(Boolean.FALSE, roundTrip(false));
        assertEquals(42L, roundTrip(42));
        assertEquals(Long.MAX_VALUE, roundTrip(Long.MAX_VALUE));
        BigInteger big = BigInteger.TWO.pow(64).add(BigInteger.ONE);
        assertEquals(big, roundTrip(big));
        assertEquals(big.negate(), roundTrip(big.negate()));
        assertEquals(BigInteger.TWO.pow(63), roundTrip(BigInteger.TWO.pow(63)), "just past long");
        assertEquals(2.25, roundTrip(2.25));
        assertTrue(Double.isNaN((Double) roundTrip(Double.NaN)));
        assertEquals("héllo ✓ 𝄞", roundTrip("héllo ✓ 𝄞"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}));
    }

    @Test
    void unpairedSurrogatesSurviveBothWays() {
        String lone = "a\uD800b\uDC00c";
        assertEquals(lone, roundTrip(lone));
        assertEquals(5L, (long) python.withGil(py -> py.toPython(lone).len()));
        String fromPython = python.withGil(py -> py.eval("'x\\ud83d\\ude00y\\udfff'").as(String.class));
        assertEquals("x\uD83D\uDE00y\uDFFF", fromPython);
        assertEquals(1L, (long) python.withGil(py -> py.toPython("\uD83D\uDE00").len()), "a valid pair is one code point");
        // One UTF-8 byte per character: ASCII, and lone surrogates the encoder would write as '?'.
        for (String oneBytePerChar : List.of("?\uD800?", "\uDFFF", "why?", "?".repeat(1000) + "\uDC00", "\uD800" + "a".repeat(1000))) {
            assertEquals(oneBytePerChar, roundTrip(oneBytePerChar), oneBytePerChar);
            assertEquals(oneBytePerChar.length(), (long) python.withGil(py -> py.toPython(oneBytePerChar).len()));
        }
    }

    @Test
    void collectionsBothWays() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("list", List.of(1L, "two", 3.0));
        map.put("set", Set.of(5L));
        map.put("nested", Map.of("k", List.of()));
        map.put("none", null);
        Object back = roundTrip(map);
        assertEquals(map, back);
        assertEquals(List.of("z", "a"), new ArrayList<>(((Map<?, ?>) roundTrip(orderedMap())).keySet()),
                "dict order is kept");
        assertEquals("[1, 'a']", pythonRepr(new Object[] {1, "a"}));
        assertEquals(List.of(1L, 2L), python.withGil(py -> py.eval("(1, 2)").as(Object.class)), "tuple -> List");
        assertEquals(Set.of(1L), python.withGil(py -> py.eval("frozenset([1])").as(Object.class)));
    }

    private static Map<String, Integer> orderedMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", 2);
        return m;
    }

    @Test
    void typedTargets() {
        python.withGil(py -> {
            assertEquals(List.of("a", "b"), py.eval("['a', 'b']").as(new TypeRef<List<String>>() { }));
            assertEquals(Map.of("a", 1), py.eval("{'a': 1}").as(new TypeRef<Map<String, Integer>>() { }));
            assertEquals(Set.of(1.0, 2.0), py.eval("{1, 2.0}").as(new TypeRef<Set<Double>>() { }));
            assertEquals(List.of(0L, 1L, 2L), py.eval("range(3)").as(new TypeRef<List<Long>>() { }), "any iterable");
            assertEquals(Map.of("k", 1L), py.eval("__import__('collections').OrderedDict(k=1)").as(Map.class));
            assertEquals(Optional.of("x"), py.eval("'x'").as(new TypeRef<Optional<String>>() { }));
            assertEquals(Optional.empty(), py.eval("None").as(new TypeRef<Optional<String>>() { }));
            assertNull(py.eval("None").as(String.class));
            assertEquals(7, py.eval("7").as(int.class));
            assertEquals(2.0, py.eval("2").as(double.class), "int widens to double");
            assertEquals('q', py.eval("'q'").as(char.class));
            assertEquals(Color.GREEN, py.eval("'GREEN'").as(Color.class));
            try (PyObject obj = py.eval("object()")) {
                assertTrue(obj.as(Object.class) instanceof PyObject, "anything unlisted stays a PyObject");
            }
            return null;
        });
    }

    @Test
    void conversionErrorsNameThePathAndBothTypes() {
        python.withGil(py -> {
            PythonConversionException e = assertThrows(PythonConversionException.class,
                    () -> py.eval("['a', 'b', 'c', 4]").as(new TypeRef<List<String>>() { }));
            assertEquals("[3]", e.path());
            assertEquals("[3]: expected str, got int", e.getMessage());
            PythonConversionException nested = assertThrows(PythonConversionException.class,
                    () -> py.eval("{'k': [1, 'x']}").as(new TypeRef<Map<String, List<Integer>>>() { }));
            assertEquals("['k'][1]: expected int, got str", nested.getMessage());
            assertThrows(PythonConversionException.class, () -> py.eval("2**40").as(Integer.class));
            assertThrows(PythonConversionException.class, () -> py.eval("2**70").as(Long.class));
            assertThrows(PythonConversionException.class, () -> py.eval("None").as(int.class));
            assertThrows(PythonConversionException.class, () -> py.eval("'RED '").as(Color.class));
            assertThrows(PythonConversionException.class, () -> py.eval("1").as(Boolean.class));
            assertThrows(PythonConversionException.class, () -> py.eval("'abc'").as(List.class),
                    "a str is not taken as a list of characters");
            PythonConversionException unknown = assertThrows(PythonConversionException.class,
                    () -> py.eval("1").as(Thread.class));
            assertTrue(unknown.getMessage().contains("java.lang.Thread"), unknown.getMessage());
            PythonConversionException javaSide = assertThrows(PythonConversionException.class,
                    () -> py.toPython(List.of(1, new Object())));
            assertTrue(javaSide.getMessage().startsWith("value[1]: cannot convert java.lang.Object"), javaSide.getMessage());
            return null;
        });
    }

    @Test
    void cyclesAreRefusedNotOverflowed() {
        python.withGil(py -> {
            py.exec("cyclic = []\ncyclic.append(cyclic)\ncd = {}\ncd['self'] = cd");
            PythonConversionException list = assertThrows(PythonConversionException.class, () -> py.eval("cyclic").as(Object.class));
            assertTrue(list.getMessage().contains("cycle"), list.getMessage());
            assertThrows(PythonConversionException.class, () -> py.eval("cd").as(Map.class));
            py.exec("deep = []\nx = deep\nfor _ in range(5000):\n    x.append([])\n    x = x[0]");
            PythonConversionException deep = assertThrows(PythonConversionException.class, () -> py.eval("deep").as(Object.class));
            assertTrue(deep.getMessage().contains("deeper than"), deep.getMessage());
            return null;
        });
        List<Object> javaCycle = new ArrayList<>();
        javaCycle.add(javaCycle);
        PythonConversionException e = assertThrows(PythonConversionException.class, () -> python.withGil(py -> py.toPython(javaCycle)));
        assertTrue(e.getMessage().contains("contains itself"), e.getMessage());
    }

    @Test
    void sharedSubstructureIsNotACycle() {
        List<Long> shared = List.of(1L);
        assertEquals(List.of(shared, shared), roundTrip(List.of(shared, shared)));
        python.withGil(py -> {
            py.exec("s = [1]\npair = [s, s]");
            assertEquals(List.of(List.of(1L), List.of(1L)), py.eval("pair").as(Object.class));
            return null;
        });
    }
}
