package io.pybridge;

import io.pybridge.convert.PyName;
import io.pybridge.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names and source code reach C as NUL-terminated UTF-8: a NUL inside used to cut them short
 * ({@code importModule("os\0x")} imported {@code os}) and a lone surrogate became {@code '?'}. Both are
 * refused with an {@link IllegalArgumentException} naming the argument and the index; values (str data)
 * keep both exactly.
 */
class CStringInputTest {
    private static Python python;

    enum Mood { HAPPY }

    record Labelled(@PyName("la\u0000bel") String label) {
    }

    interface CatchingModule {
        String applyAndCatch(Function<Mood, String> function, String argument);
    }

    interface NulModule {
        String sep();
    }

    interface NulFunction {
        @PyName("count_words\u0000x")
        int countWords(String text);
    }

    interface NulKeyword {
        int countWords(String text, @PyName("sep\u0000arator") String separator);
    }

    @BeforeAll
    static void start() {
        python = Fixtures.python();
        python.withGil(py -> {
            py.exec("""
                    class Bag:
                        pass
                    bag = Bag()
                    def keywords(**kwargs):
                        return sorted(kwargs)
                    """);
            return null;
        });
    }

    private static void assertRefused(String what, int index, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(what + " contains a NUL character (\\u0000) at index " + index),
                e.getMessage());
    }

    @Test
    void nulInAModuleNameIsRefusedNotCutShort() {
        python.withGil(py -> {
            assertRefused("module name", 2, () -> py.importModule("os\u0000x"));
            return null;
        });
        assertRefused("module name", 2, () -> python.bind(NulModule.class, "os\u0000x"));
    }

    @Test
    void nulInSourceCodeIsRefusedNotCutShort() {
        python.withGil(py -> {
            assertRefused("source code", 1, () -> py.eval("1\u0000+1"));
            assertRefused("source code", 11, () -> py.exec("x = 1\nraise\u0000 SystemExit"));
            return null;
        });
    }

    @Test
    void nulInAttributeMethodOrKeywordNameIsRefused() {
        python.withGil(py -> {
            try (PyObject bag = py.eval("bag"); PyObject keywords = py.eval("keywords")) {
                assertRefused("attribute name", 4, () -> bag.setAttr("size\u0000x", 1));
                assertRefused("attribute name", 4, () -> bag.getAttr("size\u0000x"));
                assertRefused("attribute name", 4, () -> bag.hasAttr("size\u0000x"));
                assertRefused("method name", 8, () -> bag.callMethod("__repr__\u0000x"));
                assertRefused("keyword argument name", 1, () -> keywords.callKw(Map.of("a\u0000b", 1)));
                bag.setAttr("size", 3);
                assertEquals(3L, bag.getAttr("size").as(Long.class), "the name without the NUL is a different one");
            }
            return null;
        });
    }

    @Test
    void nulInAPyNameIsRefused() {
        IllegalArgumentException record = assertThrows(IllegalArgumentException.class,
                () -> python.withGil(py -> py.eval("{'la': 'x'}").as(Labelled.class)));
        assertTrue(record.getMessage().startsWith("@PyName of java.lang.String label contains a NUL character"),
                record.getMessage());
        IllegalArgumentException function = assertThrows(IllegalArgumentException.class,
                () -> python.bind(NulFunction.class, "data_fixtures"));
        assertTrue(function.getMessage().contains("@PyName of") && function.getMessage().contains("index 11"),
                function.getMessage());
        IllegalArgumentException keyword = assertThrows(IllegalArgumentException.class,
                () -> python.bind(NulKeyword.class, "data_fixtures"));
        assertTrue(keyword.getMessage().contains("@PyName of") && keyword.getMessage().contains("index 3"),
                keyword.getMessage());
    }

    @Test
    void loneSurrogatesInNamesAndCodeAreRefusedPairsAreFine() {
        python.withGil(py -> {
            try (PyObject bag = py.eval("bag")) {
                IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                        () -> bag.getAttr("size\ud800"));
                assertTrue(name.getMessage().startsWith("attribute name contains an unpaired surrogate (\\ud800) "
                        + "at index 4"), name.getMessage());
                IllegalArgumentException code = assertThrows(IllegalArgumentException.class,
                        () -> py.eval("'\udc00'"));
                assertTrue(code.getMessage().startsWith("source code contains an unpaired surrogate (\\udc00) "
                        + "at index 1"), code.getMessage());
                assertThrows(IllegalArgumentException.class, () -> py.importModule("o\ud83ds"));

                bag.setAttr("smile\ud83d\ude00", 1);
                assertEquals(1L, py.eval("getattr(bag, 'smile\\U0001F600')").as(Long.class));
                assertEquals("\ud83d\ude00", py.eval("'\ud83d\ude00'").as(String.class));
            }
            return null;
        });
    }

    @Test
    void valuesKeepNulAndLoneSurrogates() {
        python.withGil(py -> {
            String text = "a\u0000b\ud800c";
            try (PyObject value = py.toPython(text)) {
                assertEquals(5L, value.len());
                assertEquals(text, value.as(String.class));
                assertEquals("'a\\x00b\\ud800c'", value.repr());
            }
            return null;
        });
    }

    @Test
    void aConversionMessageWithANulReachesPythonWhole() {
        CatchingModule module = python.bind(CatchingModule.class, "data_fixtures");
        String message = module.applyAndCatch(Mood::name, "SA\u0000D");
        assertTrue(message.startsWith("caught TypeError: argument 1 of the Java Function: "), message);
        assertTrue(message.contains("'SA\u0000D' is not a Mood constant"), message);
    }
}
