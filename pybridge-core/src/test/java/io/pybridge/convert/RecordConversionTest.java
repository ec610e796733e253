package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.testing.TestPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordConversionTest {
    record VideoAnalysis(String description, @PyDefault List<String> keywords, @PyDefault boolean isMeme) {
    }

    record Renamed(@PyName("desc") String description, @PyName("n") int count) {
    }

    enum Mood { HAPPY, SAD, @PyName("meh") NEUTRAL }

    record Frame(int index, String label, double score) {
    }

    record Scene(String title, List<Frame> frames) {
    }

    record Catalog(Map<String, Frame> byName, Optional<String> note, @PyDefault Optional<Mood> mood,
                   @PyDefault Set<String> tags, @PyDefault Map<String, Integer> counts, @PyDefault float[] vector,
                   @PyDefault Frame cover) {
    }

    record Page<T>(List<T> items, int total) {
    }

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, was " + value);
            }
        }
    }

    record Tree(String name, List<Tree> children) {
    }

    record Box<T>(T value) {
    }

    record Node<T extends Comparable<T>>(T v, List<Node<T>> kids) {
    }

    record Pair<A extends Comparable<B>, B extends Comparable<A>>(A first, B second) {
    }

    record Chain<T>(T value, @PyDefault Chain<List<T>> next) {
    }

    interface GenericResults {
        @PyName("namespace")
        Box<String> box(@PyName("value") String value);

        @SuppressWarnings("rawtypes")
        @PyName("namespace")
        Node node(@PyName("v") String v, @PyName("kids") List<String> kids);
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

    @Test
    void dictBecomesRecordWithSnakeCaseKeys() {
        VideoAnalysis analysis = eval("{'description': 'cat video', 'keywords': ['cat', 'funny'], 'is_meme': True}",
                VideoAnalysis.class);
        assertEquals(new VideoAnalysis("cat video", List.of("cat", "funny"), true), analysis);
    }

    @Test
    void pyDefaultFillsMissingKeysAndNone() {
        assertEquals(new VideoAnalysis("x", List.of(), false), eval("{'description': 'x'}", VideoAnalysis.class));
        assertEquals(new VideoAnalysis("x", List.of(), false),
                eval("{'description': 'x', 'keywords': None, 'is_meme': None}", VideoAnalysis.class));
        Catalog catalog = eval("{'by_name': {}, 'note': None}", Catalog.class);
        assertEquals(Optional.empty(), catalog.note());
        assertEquals(Optional.empty(), catalog.mood());
        assertEquals(Set.of(), catalog.tags());
        assertEquals(Map.of(), catalog.counts());
        assertArrayEquals(new float[0], catalog.vector());
        assertNull(catalog.cover());
    }

    @Test
    void missingRequiredComponentIsNamed() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'keywords': []}", VideoAnalysis.class));
        assertEquals("VideoAnalysis.description", e.path());
        assertTrue(e.getMessage().contains("no key 'description'"), e.getMessage());
    }

    @Test
    void wrongElementTypeNamesThePath() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'description': 'x', 'keywords': ['a', 'b', 'c', 4]}", VideoAnalysis.class));
        assertEquals("VideoAnalysis.keywords[3]: expected str, got int", e.getMessage());
        assertEquals("VideoAnalysis.keywords[3]", e.path());
    }

    @Test
    void wrongComponentTypeIsRefused() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'description': 12}", VideoAnalysis.class));
        assertEquals("VideoAnalysis.description: expected str, got int", e.getMessage());
        e = assertThrows(PythonConversionException.class,
                () -> eval("{'description': 'x', 'is_meme': 'yes'}", VideoAnalysis.class));
        assertEquals("VideoAnalysis.isMeme: expected bool, got str", e.getMessage());
    }

    @Test
    void pyNameOverridesKeys() {
        assertEquals(new Renamed("d", 3), eval("{'desc': 'd', 'n': 3}", Renamed.class));
    }

    @Test
    void objectsConvertByAttribute() {
        Scene scene = python.withGil(py -> {
            try (PyObject fixtures = py.importModule("data_fixtures"); PyObject value = fixtures.callMethod("scene")) {
                return value.as(Scene.class);
            }
        });
        assertEquals(new Scene("intro", List.of(new Frame(0, "dark", 0.0), new Frame(1, "light", 0.5))), scene);
        Renamed renamed = python.withGil(py -> {
            try (PyObject fixtures = py.importModule("data_fixtures");
                 PyObject namespace = fixtures.getAttr("namespace");
                 PyObject value = namespace.callKw(Map.of("desc", "from attributes", "n", 7))) {
                return value.as(Renamed.class);
            }
        });
        assertEquals(new Renamed("from attributes", 7), renamed);
    }

    @Test
    void missingAttributeIsNamed() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("__import__('types').SimpleNamespace(desc='x')", Renamed.class));
        assertEquals("Renamed.count", e.path());
        assertTrue(e.getMessage().contains("types.SimpleNamespace has no attribute 'n'"), e.getMessage());
    }

    @Test
    void nestedRecordsMapsOptionalsAndEnums() {
        Catalog catalog = eval("{'by_name': {'a': {'index': 1, 'label': 'A', 'score': 2}}, 'note': 'hi', "
                + "'mood': 'meh', 'tags': ['x', 'x', 'y'], 'counts': {'k': 3}, 'vector': [1.5, 2], "
                + "'cover': {'index': 0, 'label': 'c', 'score': 0.25}}", Catalog.class);
        assertEquals(Map.of("a", new Frame(1, "A", 2.0)), catalog.byName());
        assertEquals(Optional.of("hi"), catalog.note());
        assertEquals(Optional.of(Mood.NEUTRAL), catalog.mood());
        assertEquals(Set.of("x", "y"), catalog.tags());
        assertEquals(Map.of("k", 3), catalog.counts());
        assertArrayEquals(new float[] {1.5f, 2f}, catalog.vector());
        assertEquals(new Frame(0, "c", 0.25), catalog.cover());
    }

    @Test
    void listAndMapOfRecordsNameTheFailingElement() {
        List<Frame> frames = eval("[{'index': 0, 'label': 'a', 'score': 1}]", new TypeRef<List<Frame>>() { });
        assertEquals(List.of(new Frame(0, "a", 1.0)), frames);
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'x': {'index': 0, 'label': 'a', 'score': 1}, 'y': {'index': 'one', 'label': 'b', 'score': 0}}",
                        new TypeRef<Map<String, Frame>>() { }));
        assertEquals("['y'].index: expected int, got str", e.getMessage());
        e = assertThrows(PythonConversionException.class,
                () -> eval("{'title': 't', 'frames': [{'index': 0, 'label': 'a', 'score': 0}, {'index': 1, 'label': None, "
                        + "'score': 'high'}]}", Scene.class));
        assertEquals("Scene.frames[1].score: expected float, got str", e.getMessage());
    }

    @Test
    void unknownEnumNameListsTheConstants() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'by_name': {}, 'note': None, 'mood': 'ANGRY'}", Catalog.class));
        assertEquals("Catalog.mood", e.path());
        assertTrue(e.getMessage().contains("'ANGRY' is not a Mood constant"), e.getMessage());
    }

    @Test
    void genericRecordsTakeTheirTypeArguments() {
        Page<Frame> page = eval("{'items': [{'index': 3, 'label': 'x', 'score': 0}], 'total': 1}",
                new TypeRef<Page<Frame>>() { });
        assertEquals(new Frame(3, "x", 0), page.items().get(0));
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'items': [1], 'total': 1}", new TypeRef<Page<String>>() { }));
        assertEquals("Page.items[0]: expected str, got int", e.getMessage());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void rawGenericRecordsTakeTheBoundsOfTheirTypeVariables() {
        assertEquals(new Box<>(1L), eval("{'value': 1}", Box.class), "T is Object: the natural value");
        assertEquals(new Box<>(List.of("a")), eval("{'value': ['a']}", Box.class));
        Node node = eval("{'v': 1, 'kids': [{'v': 2, 'kids': []}, {'v': 3, 'kids': []}]}", Node.class);
        assertEquals(1L, node.v(), "T extends Comparable<T>: a natural value that is Comparable");
        assertEquals(List.of(2L, 3L), node.kids().stream().map(kid -> ((Node) kid).v()).toList());
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'v': object(), 'kids': []}", Node.class));
        assertEquals("Node.v: cannot convert Python object to java.lang.Comparable (no conversion for that Java type)",
                e.getMessage());
        Pair pair = eval("{'first': 'a', 'second': 2}", Pair.class);
        assertEquals("a", pair.first());
        assertEquals(2L, pair.second());
    }

    @Test
    void recursiveGenericRecordsTakeTheirTypeArguments() {
        Node<String> node = eval("{'v': 'root', 'kids': [{'v': 'leaf', 'kids': []}]}", new TypeRef<Node<String>>() { });
        assertEquals(new Node<>("root", List.of(new Node<>("leaf", List.of()))), node);
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'v': 'root', 'kids': [{'v': 2, 'kids': []}]}", new TypeRef<Node<String>>() { }));
        assertEquals("Node.kids[0].v: expected str, got int", e.getMessage());
        Chain<String> chain = eval("{'value': 'a', 'next': {'value': ['b'], 'next': {'value': [['c']]}}}",
                new TypeRef<Chain<String>>() { });
        assertEquals(List.of(List.of("c")), chain.next().next().value(), "each level's type grows with the data");
        PythonConversionException deep = assertThrows(PythonConversionException.class,
                () -> eval("{'value': 'a', 'next': {'value': [1]}}", new TypeRef<Chain<String>>() { }));
        assertEquals("Chain.next.value[0]: expected str, got int", deep.getMessage());
    }

    @Test
    void genericRecordsCanBeBoundResults() {
        GenericResults results = python.bind(GenericResults.class, "data_fixtures");
        assertEquals(new Box<>("x"), results.box("x"));
        assertEquals(new Node<>("n", List.of()), results.node("n", List.of()));
    }

    @Test
    void constructorValidationBecomesAConversionError() {
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> eval("{'value': -1}", Positive.class));
        assertTrue(e.getMessage().contains("value must be positive, was -1"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void plainValuesAreNotRecords() {
        PythonConversionException e = assertThrows(PythonConversionException.class, () -> eval("42", Frame.class));
        assertTrue(e.getMessage().contains("expected a dict or an object with attributes for Frame, got int"), e.getMessage());
        assertThrows(PythonConversionException.class, () -> eval("[1, 'a', 0.5]", Frame.class));
    }

    @Test
    void recursiveRecordTypesAndCyclicValues() {
        Tree tree = eval("{'name': 'root', 'children': [{'name': 'leaf', 'children': []}]}", Tree.class);
        assertEquals(new Tree("root", List.of(new Tree("leaf", List.of()))), tree);
        PythonConversionException e = assertThrows(PythonConversionException.class,
                () -> python.withGil(py -> {
                    py.exec("cyclic = {'name': 'loop', 'children': []}\ncyclic['children'].append(cyclic)");
                    try (PyObject value = py.eval("cyclic")) {
                        return value.as(Tree.class);
                    }
                }));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void recordsBecomeDictsWithPythonNames() {
        String repr = python.withGil(py -> {
            try (PyObject dict = py.toPython(new Catalog(Map.of("f", new Frame(1, "one", 0.5)), Optional.empty(),
                    Optional.of(Mood.NEUTRAL), Set.of(), Map.of(), new float[0], null))) {
                assertEquals("dict", dict.typeName());
                return dict.getItem("by_name").getItem("f").repr() + " " + dict.getItem("mood").repr()
                        + " " + dict.getItem("note").repr();
            }
        });
        assertEquals("{'index': 1, 'label': 'one', 'score': 0.5} 'meh' None", repr);
        VideoAnalysis original = new VideoAnalysis("round trip", List.of("a"), true);
        VideoAnalysis back = python.withGil(py -> {
            try (PyObject dict = py.toPython(original)) {
                assertEquals("{'description': 'round trip', 'keywords': ['a'], 'is_meme': True}", dict.repr());
                return dict.as(VideoAnalysis.class);
            }
        });
        assertEquals(original, back);
    }
}
