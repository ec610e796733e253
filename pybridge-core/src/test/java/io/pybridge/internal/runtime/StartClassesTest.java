package io.pybridge.internal.runtime;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start's class list stays true to what a start loads, and loading it runs no class's initializer.
 * {@code tools/start-classes.sh} rewrites the list.
 */
class StartClassesTest {
    private static final String REGENERATE = "; run tools/start-classes.sh to write the list again";
    /** How many of the bridge's classes a start may load that the list lacks (other Python versions' shims). */
    private static final int UNLISTED_ALLOWED = 10;
    private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: (.*)$");

    @Test
    void everyClassOfTheBridgeItListsExists() {
        List<String> missing = new ArrayList<>();
        for (String name : StartClasses.names()) {
            if (name.startsWith("io.pybridge.") && !name.startsWith("io.pybridge.python.")) {   // not the bundled module's
                try {
                    Class.forName(name, false, StartClasses.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "listed classes that no longer exist" + REGENERATE);
    }

    @Test
    void loadingSkipsUnknownNamesAndInitializesNothing() {
        int found = StartClasses.load(List.of(Initializes.class.getName(), "io.pybridge.NoSuchClass", "no.such.Thing"),
                StartClasses.class.getClassLoader());
        assertEquals(1, found);
        assertFalse(InitializerRan.flag, "the listed class's static initializer ran on the loading thread");
    }

    @Test
    void aStartLoadsFewOfTheBridgesClassesTheListLacks(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("classes.log");
        ChildJvm.of(StartAndCall.class).jvmOption("-Xlog:class+load:file=" + log)
                .systemProperty(StartClasses.SWITCH, "false").run().assertSucceeded();
        Set<String> listed = new HashSet<>(StartClasses.names());
        List<String> unlisted = new ArrayList<>();
        boolean started = false;
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOADED.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            started |= name.equals(StartAndCall.class.getName());
            if (started && name.startsWith("io.pybridge.") && !name.contains("/") && !name.contains("Test")
                    && !name.startsWith("io.pybridge.testing.") && !listed.contains(name)) {
                unlisted.add(name);
            }
        }
        assertTrue(started, "the log shows no start: " + log);
        assertTrue(unlisted.size() <= UNLISTED_ALLOWED,
                unlisted.size() + " classes of the bridge a start loads are not listed: " + unlisted + REGENERATE);
    }

    /** A start, an import and a call with a result read, as the list's starts make them. */
    public static final class StartAndCall {
        public static void main(String[] args) {
            long sum = Python.start().withGil(py -> {
                try (PyObject operator = py.importModule("operator"); PyObject result = operator.callMethod("add", 1, 2)) {
                    return result.as(Long.class);
                }
            });
            if (sum != 3) {
                throw new AssertionError("operator.add(1, 2) returned " + sum);
            }
        }
    }

    static final class InitializerRan {
        static boolean flag;
    }

    static final class Initializes {
        static {
            InitializerRan.flag = true;
        }
    }
}
