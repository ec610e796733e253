package io.pybridge.internal.capi;

import io.pybridge.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code CPython.java} is exactly what {@code tools/GenerateCapi.java} makes of {@code tools/capi-functions.txt},
 * and the libpython under test exports every function the list does not mark {@code optional}. The generator is
 * compiled from its source here and called in this JVM, so the check is the program a developer runs.
 */
class GeneratedBindingsTest {
    private static final String GENERATOR = "tools/GenerateCapi.java";

    @TempDir
    static Path generatorClasses;
    private static Path root;
    private static Class<?> generator;

    @BeforeAll
    static void compileTheGenerator() throws Exception {
        root = repositoryRoot();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "compiling " + GENERATOR + " needs a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", generatorClasses.toString(),
                root.resolve(GENERATOR).toString());
        assertEquals(0, status, GENERATOR + " does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        generator = new URLClassLoader(new URL[] {generatorClasses.toUri().toURL()}, null).loadClass("GenerateCapi");
    }

    @Test
    void committedBindingsAreWhatTheListGives() throws Exception {
        String committed = read((String) constant("OUTPUT"));
        String difference = (String) call("difference", committed, call("generate", list()));
        assertNull(difference, difference);
    }

    @Test
    void aChangedListIsReportedWithWhatDiffersAndTheCommandThatRegenerates() throws Exception {
        String changed = list().replace("critical steals(3) int PyTuple_SetItem(", "steals(3) int PyTuple_SetItem(");
        assertNotEquals(list(), changed, "the list no longer has PyTuple_SetItem as this test expects");
        String difference = (String) call("difference", read((String) constant("OUTPUT")), call("generate", changed));
        assertNotNull(difference, "a list without PyTuple_SetItem's critical mark generated the committed file");
        assertTrue(difference.contains("PyTuple_SetItem"), difference);
        assertTrue(difference.contains("java tools/GenerateCapi.java"), difference);
    }

    @Test
    void theGeneratorRefusesLinesThatLeaveOwnershipUnsaidOrContradictIt() throws Exception {
        assertRefused("long PyObject_Repr(long)", "new or borrowed");
        assertRefused("new int PyObject_IsTrue(long)", "applies to a long result");
        assertRefused("new long PyObject_Size(long) -> Py_ssize_t", "drop '-> Py_ssize_t'");
        assertRefused("new borrowed long PyList_GetItem(long, long)", "contradict");
        assertRefused("steals(4) int PyTuple_SetItem(long, long, long)", "3 argument(s)");
        assertRefused("steals(2) int PyNumber_ToBase(long, int)", "not a pointer");
        assertRefused("steals(1) out-new(1) void PyErr_Restore(long, long, long)", "both steals and out-new");
        assertRefused("stolen(3) int PyList_SetItem(long, long, long)", "unknown mark 'stolen(3)'");
        assertRefused("new long PyObject_Str(long)\nnew long PyObject_Str(long)", "listed twice");
    }

    @Test
    void everyRequiredFunctionIsInTheLibpythonUnderTest() throws Exception {
        Python.start();
        @SuppressWarnings("unchecked")
        Map<String, Boolean> optionalByName = (Map<String, Boolean>) call("functions", list());
        List<String> missing = new ArrayList<>();
        List<String> wrongHas = new ArrayList<>();
        for (Map.Entry<String, Boolean> function : optionalByName.entrySet()) {
            String name = function.getKey();
            boolean exported = LibPython.find(name).isPresent();
            if (!function.getValue() && !exported) {
                missing.add(name);
            }
            if (function.getValue() && (boolean) CPython.class.getMethod("has_" + name).invoke(null) != exported) {
                wrongHas.add("has_" + name + "() is " + !exported + " but the symbol is " + (exported ? "" : "not ")
                        + "exported");
            }
        }
        assertEquals(List.of(), missing, LibPython.library().path()
                + " lacks functions the list requires: mark them optional (with a fallback) or drop them");
        assertEquals(List.of(), wrongHas, "optional functions whose has_ method disagrees with libpython");
    }

    private static void assertRefused(String badList, String reason) throws Exception {
        try {
            call("generate", badList);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().contains(reason), "for '" + badList + "': " + refused.getMessage());
            return;
        }
        fail("the generator accepted '" + badList + "'");
    }

    private static Object call(String method, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        Arrays.fill(types, String.class);
        Method m = generator.getMethod(method, types);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Object constant(String name) throws ReflectiveOperationException {
        return generator.getField(name).get(null);
    }

    private static String list() throws Exception {
        return read((String) constant("LIST"));
    }

    private static String read(String relative) throws Exception {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    /** The checkout this test runs in: the core module's tests also run from pybridge-python's folder. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(GENERATOR))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + GENERATOR + " in " + start + " or above: this test checks the"
                + " generated bindings of a PyBridge checkout and must run inside one");
    }
}
