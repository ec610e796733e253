package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.testing.TestPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One rule for numbers in both directions: a value converts only when the target type can hold it.
 * Integral targets take integral values in range (bool as 0 or 1), never truncated or wrapped; floating
 * targets round to nearest but refuse a finite value that would become infinite. Java numbers always fit
 * their Python types.
 */
class NumberConversionTest {
    record Point(float x, float y) {
    }

    interface Scaler {
        List<Float> scale(List<Double> values, double factor);

        String applyAndCatch(Function<Float, String> function, Object argument);
    }

    static Python python;

    @BeforeAll
    static void start() {
        python = TestPython.start();
    }

    private static <T> T eval(String expression, Class<T> type) {
        return python.withGil(py -> {
            try (PyObject value = py.eval(expression)) {
                return value.as(type);
            }
        });
    }

    private static <T> T eval(String expression, TypeRef<T> type) {
        return python.withGil(py -> {
            try (PyObject value = py.eval(expression)) {
                return value.as(type);
            }
        });
    }

    private static String refusal(String expression, Class<?> type) {
        return assertThrows(PythonConversionException.class, () -> eval(expression, type)).getMessage();
    }

    private static boolean hasNumpy() {
        return python.withGil(py -> py.eval("__import__('importlib.util').util.find_spec('numpy') is not None")
                .as(Boolean.class));
    }

    @Test
    void aFiniteFloatThatWouldBecomeInfiniteIsRefused() {
        assertEquals("expected a value that fits float, got float 1e+300", refusal("1e300", float.class));
        assertEquals("expected a value that fits float, got float -1e+300", refusal("-1e300", Float.class));
        assertEquals("expected a value that fits float, got float 3.4028235677973366e+38",
                refusal("3.4028235677973366e+38", float.class), "the first double that rounds to infinity");
        assertEquals(Float.MAX_VALUE, eval("3.4028235677973362e+38", float.class), "the last that rounds to MAX_VALUE");
        assertEquals(Float.MAX_VALUE, eval(Double.toString(Float.MAX_VALUE), float.class));
    }

    @Test
    void floatTargetsRoundToNearestAndKeepInfinitiesAndNan() {
        assertEquals(0.1f, eval("0.1", float.class));
        assertEquals(0.0f, eval("1e-50", float.class), "underflow rounds to zero, as struct.pack('f') does");
        assertEquals(Float.POSITIVE_INFINITY, eval("float('inf')", float.class));
        assertEquals(Float.NEGATIVE_INFINITY, eval("float('-inf')", Float.class));
        assertTrue(Float.isNaN(eval("float('nan')", float.class)));
        assertEquals(1e300, eval("1e300", double.class));
    }

    @Test
    void anIntBeyondTheFloatingRangeIsRefused() {
        assertEquals(1e38f, eval("10**38", float.class));
        assertEquals("expected a value that fits float, got int 1000000000000000000000000000000000000000",
                refusal("10**39", float.class));
        assertEquals(9007199254740992.0, eval("2**53 + 1", double.class), "rounded to nearest, as float() does");
        assertEquals(Math.pow(2, 1023), eval("2**1023", double.class));
        assertEquals("expected a value that fits double, got int 1000000000000000...00000000 (401 digits)",
                refusal("10**400", double.class));
        assertTrue(refusal("-2**1024", Double.class).startsWith("expected a value that fits double, got int -1797"));
    }

    @Test
    void integralTargetsTakeOnlyIntegralValuesInRange() {
        assertEquals((byte) 127, eval("127", byte.class));
        assertEquals("expected a value that fits byte, got int 128", refusal("128", byte.class));
        assertEquals("expected a value that fits byte, got int -129", refusal("-129", Byte.class));
        assertEquals("expected a value that fits short, got int 32768", refusal("2**15", short.class));
        assertEquals("expected a value that fits int, got int 2147483648", refusal("2**31", int.class));
        assertEquals("expected a value that fits long, got int 9223372036854775808", refusal("2**63", long.class));
        assertEquals(Long.MIN_VALUE, eval("-2**63", long.class));
        assertEquals("expected int, got float", refusal("1.5", int.class));
        assertEquals("expected int, got float", refusal("2.0", long.class), "a float is not an int, whatever its value");
        assertEquals("expected int, got float", refusal("2.0", BigInteger.class));
        assertEquals("expected str of length 1, got int", refusal("65", char.class));
    }

    @Test
    void boolIsTheIntZeroOrOneToNumberTargetsAsInPython() {
        assertEquals(1, eval("True", int.class));
        assertEquals((byte) 0, eval("False", byte.class));
        assertEquals(1.0, eval("True", double.class));
        assertEquals(0.0f, eval("False", Float.class));
        assertEquals(BigInteger.ONE, eval("True", BigInteger.class));
        assertEquals(1L, eval("True", Number.class));
        assertEquals("expected bool, got int", refusal("1", boolean.class), "an int is not a bool");
    }

    @Test
    void strAndBytesAreNotParsedAsNumbers() {
        assertEquals("expected float, got str", refusal("'1.5'", double.class));
        assertEquals("expected float, got bytes", refusal("b'1.5'", float.class));
        assertEquals("expected float, got bytearray", refusal("bytearray(b'1.5')", double.class));
        assertEquals("expected int, got str", refusal("'7'", int.class));
    }

    @Test
    void otherNumberTypesFollowTheSameRule() {
        python.withGil(py -> {
            py.exec("from decimal import Decimal\nfrom fractions import Fraction");
            return null;
        });
        assertEquals("expected a value that fits double, got decimal.Decimal 1E+400", refusal("Decimal('1e400')", double.class));
        assertEquals(Double.POSITIVE_INFINITY, eval("Decimal('Infinity')", double.class));
        assertEquals("expected a value that fits float, got decimal.Decimal 1E+300", refusal("Decimal('1e300')", float.class));
        assertTrue(refusal("Fraction(10**400)", double.class).startsWith("expected a value that fits double, got "
                + "fractions.Fraction 1000000000000000000000000000000000000000"));
        assertEquals(0.5, eval("Fraction(1, 2)", double.class));
    }

    @Test
    void numpyScalarsFollowTheSameRule() {
        assumeTrue(hasNumpy(), "needs numpy");
        python.withGil(py -> {
            py.exec("import numpy as np");
            return null;
        });
        assertEquals("expected a value that fits byte, got numpy.int64 300", refusal("np.int64(300)", byte.class));
        assertEquals(300, eval("np.int64(300)", int.class));
        assertEquals(BigInteger.valueOf(300), eval("np.int64(300)", BigInteger.class));
        assertEquals("expected a value that fits long, got numpy.uint64 18446744073709551615",
                refusal("np.uint64(2**64 - 1)", long.class));
        assertEquals("expected a value that fits float, got numpy.float64 1e+300", refusal("np.float64(1e300)", float.class));
        assertEquals(1.5f, eval("np.float32(1.5)", float.class));
        assertEquals("expected int, got numpy.float64", refusal("np.float64(2.0)", int.class));
    }

    @Test
    void elementsOfListsArraysAndRecordsFollowTheSameRule() {
        PythonConversionException array = assertThrows(PythonConversionException.class,
                () -> eval("[1.0, 1e300]", float[].class));
        assertEquals("[1]: expected a value that fits float, got float 1e+300", array.getMessage());
        PythonConversionException boxed = assertThrows(PythonConversionException.class,
                () -> eval("[1.0, 1e300]", new TypeRef<List<Float>>() { }));
        assertEquals("[1]: expected a value that fits float, got float 1e+300", boxed.getMessage());
        PythonConversionException ints = assertThrows(PythonConversionException.class,
                () -> eval("[1, 2**40]", int[].class));
        assertEquals("[1]: expected a value that fits int, got int 1099511627776", ints.getMessage());
        PythonConversionException record = assertThrows(PythonConversionException.class,
                () -> eval("{'x': 1.0, 'y': -1e39}", Point.class));
        assertEquals("Point.y: expected a value that fits float, got float -1e+39", record.getMessage());
        assertArrayEquals(new float[] {1f, 0.1f}, eval("[1, 0.1]", float[].class));
        assertEquals(new Point(1f, 2f), eval("{'x': True, 'y': 2}", Point.class));
    }

    @Test
    void boundResultsAndJavaCallableArgumentsFollowTheSameRule() {
        Scaler scaler = python.bind(Scaler.class, "data_fixtures");
        assertEquals(List.of(2.0f, 4.0f), scaler.scale(List.of(1.0, 2.0), 2));
        PythonConversionException result = assertThrows(PythonConversionException.class,
                () -> scaler.scale(List.of(1e-300, 10.0), 1e300));
        assertTrue(result.getMessage().startsWith("[1]: expected a value that fits float, got float 1e+301 (in the result"),
                result.getMessage());
        assertEquals("no exception", scaler.applyAndCatch(x -> "got " + x, 0.5));
        String refused = scaler.applyAndCatch(x -> "got " + x, 1e300);
        assertEquals("caught TypeError: argument 1 of the Java Function: expected a value that fits float, got float "
                + "1e+300", refused);
    }

    @Test
    void javaNumbersAlwaysFitTheirPythonTypes() {
        python.withGil(py -> {
            assertEquals("3.4028234663852886e+38", py.toPython(Float.MAX_VALUE).repr());
            assertEquals(Float.MAX_VALUE, py.toPython(Float.MAX_VALUE).as(float.class));
            assertEquals(Float.MIN_VALUE, py.toPython(Float.MIN_VALUE).as(float.class));
            assertEquals(Double.MAX_VALUE, py.toPython(Double.MAX_VALUE).as(double.class));
            assertEquals(Long.MIN_VALUE, py.toPython(Long.MIN_VALUE).as(long.class));
            BigInteger huge = BigInteger.TWO.pow(1000).negate();
            assertEquals(huge.toString(), py.toPython(huge).repr());
            assertEquals(huge, py.toPython(huge).as(BigInteger.class));
            assertEquals("'\\uffff'", py.toPython('\uffff').repr());
            PythonConversionException decimal = assertThrows(PythonConversionException.class,
                    () -> py.toPython(new BigDecimal("0.1")));
            assertTrue(decimal.getMessage().startsWith("value: cannot convert java.math.BigDecimal to Python"),
                    decimal.getMessage());
            return null;
        });
    }
}
