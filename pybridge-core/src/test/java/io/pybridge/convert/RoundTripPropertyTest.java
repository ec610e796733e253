package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.TestPython;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random nested values go to Python and come back equal, through the natural and the typed conversions. */
class RoundTripPropertyTest {
    private static final BigInteger TWO_TO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_TO_400 = BigInteger.ONE.shiftLeft(400);

    record Item(String name, double weight, List<Long> counts, Optional<String> note, Map<String, Item> children) {
    }

    static Python python;

    @BeforeContainer
    static void start() {
        python = TestPython.start();
    }

    private static Object roundTrip(Object value, Class<?> type) {
        return python.withGil(py -> {
            try (PyObject object = py.toPython(value)) {
                return object.as(type);
            }
        });
    }

    @Property(tries = 300)
    void nestedValuesComeBackEqual(@ForAll("nestedValues") Object value) {
        assertEquals(value, roundTrip(value, Object.class));
    }

    @Property(tries = 200)
    void stringsWithAnyCodePointComeBackEqual(@ForAll("anyText") String text) {
        assertEquals(text, roundTrip(text, String.class));
    }

    @Property(tries = 100)
    void recordsComeBackEqual(@ForAll("items") Item item) {
        assertEquals(item, roundTrip(item, Item.class));
    }

    @Provide
    Arbitrary<Object> nestedValues() {
        return Arbitraries.recursive(this::leaves, this::containersOf, 0, 4);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT).array(int[].class).ofMaxSize(12)
                .map(codePoints -> new String(codePoints, 0, codePoints.length));
    }

    @Provide
    Arbitrary<Item> items() {
        return Arbitraries.recursive(() -> item(Arbitraries.just(Map.of())),
                inner -> item(Arbitraries.maps(anyText(), inner).ofMaxSize(3)), 0, 2);
    }

    private Arbitrary<Item> item(Arbitrary<Map<String, Item>> children) {
        return net.jqwik.api.Combinators.combine(anyText(), doubles(), Arbitraries.longs().list().ofMaxSize(4),
                anyText().optional(), children).as(Item::new);
    }

    private Arbitrary<Object> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.longs().map(Object.class::cast),
                bigIntegers().map(Object.class::cast),
                doubles().map(Object.class::cast),
                anyText().map(Object.class::cast));
    }

    private Arbitrary<Object> containersOf(Arbitrary<Object> elements) {
        return Arbitraries.oneOf(
                elements.list().ofMaxSize(5).map(Object.class::cast),
                Arbitraries.maps(anyText(), elements).ofMaxSize(5).map(m -> (Object) new LinkedHashMap<>(m)),
                Arbitraries.maps(Arbitraries.longs(), elements).ofMaxSize(3).map(m -> (Object) new LinkedHashMap<>(m)));
    }

    /** Integers beyond a long, which Python holds exactly and which come back as BigInteger. */
    private static Arbitrary<BigInteger> bigIntegers() {
        Arbitrary<BigInteger> magnitude = Arbitraries.bigIntegers().between(TWO_TO_63, TWO_TO_400);
        return Arbitraries.oneOf(magnitude, magnitude.map(BigInteger::negate).filter(b -> b.bitLength() >= 64));
    }

    private static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                        Double.MAX_VALUE, -Double.MAX_VALUE));
    }
}
