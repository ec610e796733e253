package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonConversionException;
import io.pybridge.PythonExecutionException;
import io.pybridge.PythonImportException;
import io.pybridge.numpy.NDArray;
import io.pybridge.testing.TestPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleBindingTest {
    record VideoAnalysis(String description, @PyDefault List<String> keywords, @PyDefault boolean isMeme) {
    }

    /** The seed's bridge as a Java interface. */
    interface MediaModel {
        VideoAnalysis analyze(String path);

        @PyName("analyze_minimal")
        VideoAnalysis analyzeLoosely(String path);

        @PyName("analyze_wrong_keyword")
        VideoAnalysis analyzeBadly(String path);

        float[] embedVideo(String path);

        float[] embedImages(List<String> paths);

        NDArray embedVideo(java.nio.file.Path path);

        int countWords(String text, @PyName("separator") String separator);

        List<Double> scale(double[] values, double factor);

        void nothing();

        Object fail(String message);

        int apply(Function<Integer, Integer> function, int argument);

        // Object's methods redeclared, as an interface may: still the proxy's, never bound to Python.
        @Override
        String toString();

        @Override
        boolean equals(Object other);

        @Override
        int hashCode();

        default String summary(String path) {
            VideoAnalysis analysis = analyze(path);
            return analysis.description() + " " + analysis.keywords();
        }
    }

    interface Async {
        @PyName("analyze")
        CompletableFuture<VideoAnalysis> analyze(String path);

        @PyName("fail")
        CompletableFuture<Void> fail(String message);
    }

    interface MissingFunctions {
        String transcribe(String path);

        String describe(Object value);

        int notAFunction();
    }

    interface UnsupportedTypes {
        StringBuilder describe(Object value);

        String analyze(Thread thread);

        java.util.ArrayList<String> scale(double[] values, double factor);
    }

    static Python python;

    @BeforeAll
    static void start() {
        python = TestPython.start();
    }

    @Test
    void abstractMethodsCallTheSnakeCaseFunctions() {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        assertEquals(new VideoAnalysis("a video at cat.gif", List.of("cat", "funny"), true), model.analyze("cat.gif"));
        assertEquals(new VideoAnalysis("only a description", List.of(), false), model.analyzeLoosely("x"));
        assertArrayEquals(new float[] {0, 1 / 7f, 2 / 7f, 3 / 7f, 4 / 7f, 5 / 7f, 6 / 7f, 1}, model.embedVideo("v.gif"), 1e-6f);
        assertArrayEquals(new float[] {1, 3}, model.embedImages(List.of("a", "bcd")));
        try (NDArray embedding = model.embedVideo(java.nio.file.Path.of("v.gif"))) {
            assertArrayEquals(new long[] {8}, embedding.shape());
        }
        assertEquals(List.of(1.0, 3.0), model.scale(new double[] {0.5, 1.5}, 2));
        model.nothing();
    }

    @Test
    void parametersMarkedPyNameArePassedByKeyword() {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        assertEquals(3, model.countWords("a,b,c", ","));
    }

    @Test
    void functionalParametersTakeTheirDeclaredTypes() {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        Function<Integer, Integer> twice = x -> x * 2;
        assertEquals(42, model.apply(twice, 21), "Python's int reaches the Function as an Integer, not a Long");
    }

    @Test
    void defaultMethodsRunAsJava() {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        assertEquals("a video at x.mp4 [cat, funny]", model.summary("x.mp4"));
    }

    @Test
    void objectMethodsBelongToTheProxy() {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        MediaModel other = python.bind(MediaModel.class, "data_fixtures");
        assertEquals(model, model);
        assertNotEquals(model, other);
        assertEquals(System.identityHashCode(model), model.hashCode());
        assertEquals("MediaModel bound to Python module 'data_fixtures'", model.toString());
    }

    @Test
    void pythonErrorsAndConversionErrorsPassThrough() {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> model.fail("bad input"));
        assertEquals("ValueError", e.pythonType());
        assertEquals("bad input", e.pythonMessage());
        PythonConversionException c = assertThrows(PythonConversionException.class, () -> model.analyzeBadly("x"));
        assertEquals("VideoAnalysis.keywords[3]", c.path());
        assertTrue(c.getMessage().startsWith("VideoAnalysis.keywords[3]: expected str, got int (in the result of "
                + "data_fixtures.analyze_wrong_keyword() for MediaModel.analyzeBadly(String))"), c.getMessage());
    }

    @Test
    void futuresCarryTheConvertedResultOrTheFailure() throws Exception {
        Async model = python.bind(Async.class, "data_fixtures");
        assertEquals("a video at a.gif", model.analyze("a.gif").get().description());
        CompletableFuture<Void> failed = model.fail("later");
        ExecutionException e = assertThrows(ExecutionException.class, failed::get);
        assertInstanceOf(PythonExecutionException.class, e.getCause());
        assertTrue(failed.isCompletedExceptionally());
    }

    @Test
    void missingFunctionsFailAtBindTimeNamingThem() {
        PythonImportException e = assertThrows(PythonImportException.class,
                () -> python.bind(MissingFunctions.class, "data_fixtures"));
        assertTrue(e.getMessage().contains("transcribe (for MissingFunctions.transcribe(String))"), e.getMessage());
        assertTrue(e.getMessage().contains("not_a_function (for MissingFunctions.notAFunction(); 'not_a_function' is a "
                + "int, not a function)"), e.getMessage());
        assertFalse(e.getMessage().contains("describe"), e.getMessage());
        assertThrows(PythonImportException.class, () -> python.bind(MediaModel.class, "no_such_module_anywhere"));
    }

    @Test
    void unsupportedTypesFailAtBindTimeNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> python.bind(UnsupportedTypes.class, "data_fixtures"));
        assertTrue(e.getMessage().contains("UnsupportedTypes.describe(Object) result: java.lang.StringBuilder "
                + "is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("UnsupportedTypes.analyze(Thread) parameter 1: java.lang.Thread is not supported"),
                e.getMessage());
        assertTrue(e.getMessage().contains("declare the interface"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> python.bind(String.class, "data_fixtures"));
    }

    @Test
    void boundInterfacesWorkFromVirtualThreads() throws Exception {
        MediaModel model = python.bind(MediaModel.class, "data_fixtures");
        Thread[] threads = new Thread[8];
        String[] results = new String[threads.length];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = Thread.ofVirtual().start(() -> results[n] = model.analyze(n + ".gif").description());
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < threads.length; i++) {
            assertEquals("a video at " + i + ".gif", results[i]);
        }
    }

    @Test
    void noneResultsAreNull() {
        interface Nothing {
            Object nothing();
        }
        assertNull(python.bind(Nothing.class, "data_fixtures").nothing());
        assertEquals(PyObject.class, python.withGil(py -> py.eval("object()").as(Object.class)).getClass());
    }
}
