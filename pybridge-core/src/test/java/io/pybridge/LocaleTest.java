package io.pybridge;

import io.pybridge.testing.ChildJvm;
import io.pybridge.testing.TestPython;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded interpreter sees the locale standalone Python sees, whatever the Java launcher set: only
 * LC_CTYPE from the environment, every other category "C" (so C code parses and formats numbers as
 * standalone does), and for the legacy "C" locale the same UTF-8 coercion and UTF-8 mode. A child JVM
 * runs the same script embedded and as {@code python -c} with the same environment and compares.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LocaleTest {
    private static final String[] LOCALE_VARIABLES = {"LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_TIME",
            "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES", "PYTHONUTF8", "PYTHONCOERCECLOCALE"};

    static final String SCRIPT = """
            import ctypes, locale, os, sys, time
            lines = [f'{name}={locale.setlocale(getattr(locale, name))}'
                     for name in ('LC_CTYPE', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'LC_MONETARY', 'LC_MESSAGES')]
            libc = ctypes.CDLL(None)
            libc.atof.restype = ctypes.c_double
            libc.atof.argtypes = [ctypes.c_char_p]
            lines.append(f"atof(b'1.5')={libc.atof(b'1.5')}")
            lines.append('format n=' + '{:n}'.format(1234567.25))
            lines.append('strftime=' + time.strftime('%A %d %B %Y %x %X', time.gmtime(86400 * 45)))
            lines.append('decimal_point=' + locale.localeconv()['decimal_point'])
            lines.append(f'utf8_mode={sys.flags.utf8_mode}')
            lines.append('filesystem encoding=' + sys.getfilesystemencoding())
            lines.append('preferred encoding=' + locale.getpreferredencoding(False))
            lines.append(f"LC_CTYPE variable={os.environ.get('LC_CTYPE')}")
            result = '\\n'.join(lines)
            """;

    private static ChildJvm.Spec child(String caseName) {
        ChildJvm.Spec spec = ChildJvm.of(CompareWithStandalone.class).name(caseName);
        for (String variable : LOCALE_VARIABLES) {
            spec.env(variable, null);
        }
        return spec;
    }

    private static String assertSameAsStandalone(ChildJvm.Result result) {
        result.assertSucceeded();
        assertTrue(result.output().contains("same as standalone: true"), result.name() + "\n" + result.output());
        return result.output();
    }

    @Test
    void utf8LocaleLeavesEveryCategoryButCtypeAtC() {
        String out = assertSameAsStandalone(child("LC_ALL=C.UTF-8").env("LC_ALL", "C.UTF-8").run());
        assertTrue(out.contains("embedded: LC_NUMERIC=C\n"), out);
        assertTrue(out.contains("embedded: LC_CTYPE=C.UTF-8\n"), out);
    }

    @Test
    void legacyCLocaleIsCoercedAsStandalonePythonDoes() {
        String out = assertSameAsStandalone(child("no locale variables").run());
        assertTrue(out.contains("embedded: utf8_mode=1"), out);
        assertSameAsStandalone(child("LC_ALL=C").env("LC_ALL", "C").run());
        assertSameAsStandalone(child("PYTHONCOERCECLOCALE=0").env("PYTHONCOERCECLOCALE", "0").run());
        assertSameAsStandalone(child("LANG=C PYTHONUTF8=0").env("LANG", "C").env("PYTHONUTF8", "0").run());
        assertSameAsStandalone(child("LANG=C.UTF-8 PYTHONUTF8=1").env("LANG", "C.UTF-8").env("PYTHONUTF8", "1").run());
    }

    @Test
    void germanLocaleParsesAndFormatsNumbersAsStandalone() throws Exception {
        Assumptions.assumeTrue(localeExists("de_DE.UTF-8"), "the de_DE.UTF-8 locale is not installed here "
                + "(Debian: apt-get install locales && localedef -i de_DE -f UTF-8 de_DE.UTF-8; .ci/run does this)");
        String out = assertSameAsStandalone(child("LANG=de_DE.UTF-8").env("LANG", "de_DE.UTF-8").run());
        assertTrue(out.contains("embedded: atof(b'1.5')=1.5"), out);
        assertTrue(out.contains("embedded: LC_CTYPE=de_DE.UTF-8"), out);
        assertTrue(out.contains("embedded: LC_NUMERIC=C\n"), out);
    }

    /** Whether the C library has {@code name}, asked of the Python the tests use. */
    private static boolean localeExists(String name) throws IOException, InterruptedException {
        String executable = TestPython.start().runtime().executable().toString();
        Process process = new ProcessBuilder(executable, "-c",
                "import locale; locale.setlocale(locale.LC_ALL, '" + name + "')").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    public static final class CompareWithStandalone {
        public static void main(String[] args) throws Exception {
            // Java's copy of the environment is taken on first use: take it before Python starts (which may
            // export LC_CTYPE, as python3 does), so that the standalone run starts as this JVM did.
            System.getenv();
            Python python = Python.start();
            String embedded = python.withGil(py -> {
                py.exec(SCRIPT);
                return py.eval("result").as(String.class);
            });
            String standalone = standalone(python.runtime().executable().toString(), python.runtime().library().getParent());
            python.close();
            for (String line : embedded.split("\n")) {
                System.out.println("embedded: " + line);
            }
            for (String line : standalone.split("\n")) {
                System.out.println("standalone: " + line);
            }
            System.out.println("same as standalone: " + embedded.equals(standalone));
        }

        /**
         * {@code libraryDir} (libpython's folder) goes on the library path, as the bundled runtime's README says
         * to run it by hand: its {@code _ctypes} finds the libffi of its jar there (the 3.12 jar's
         * {@code libffi.so.7} is on few systems).
         */
        private static String standalone(String executable, Path libraryDir) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(executable, "-c", SCRIPT + "\nprint(result)").redirectErrorStream(true);
            // Java's copy of the environment (taken before Python started), not the process's as it is now.
            builder.environment().put("LD_LIBRARY_PATH", libraryDir.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("standalone " + executable + " failed:\n" + output);
            }
            return output;
        }
    }
}
