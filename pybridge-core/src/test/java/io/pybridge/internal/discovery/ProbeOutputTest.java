package io.pybridge.internal.discovery;

import io.pybridge.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeOutputTest {
    private static final Path PREFIX = Path.of("/opt/py");

    private static ProbeOutput parse(byte[] bytes) throws ProbeException {
        return ProbeOutput.parse(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void readsRecordsAndRepeatedKeysInOrder() throws ProbeException {
        byte[] bytes = FakePython.answer(PREFIX).add("path", "/extra/dir").bytes();
        ProbeOutput output = parse(bytes);
        assertEquals(new PythonVersion(3, 12, 1), output.version());
        assertEquals(List.of("/opt/py/lib/python312.zip", "/opt/py/lib/python3.12", "/extra/dir"), output.all("path"));
        assertTrue(output.flag("config.Py_ENABLE_SHARED"));
        assertFalse(output.flag("config.Py_GIL_DISABLED"));
        assertTrue(output.optional("abiflags").isEmpty(), "an empty value reads as absent");
    }

    @Test
    void keepsPathsWithNewlinesEqualsSignsAndNonAsciiCharacters() throws ProbeException {
        String odd = "/tmp/a=b\nc d/ü/\u6f22\u5b57";
        ProbeOutput output = parse(FakePython.answer(PREFIX).set("prefix", odd).bytes());
        assertEquals(odd, output.required("prefix"));
    }

    @Test
    void outputOfSomethingElseIsNotAPythonAndShowsItsFirstLine() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> parse("hello from a shell script\nsecond line\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ProbeException.Kind.NOT_PYTHON, e.kind());
        assertTrue(e.getMessage().contains("'hello from a shell script' (first line)"), e.getMessage());
    }

    @Test
    void emptyOutputSaysItPrintedNothing() {
        ProbeException e = assertThrows(ProbeException.class, () -> parse(new byte[0]));
        assertTrue(e.getMessage().endsWith("printed nothing"), e.getMessage());
    }

    @Test
    void answerCutShortIsRefused() {
        byte[] whole = FakePython.answer(PREFIX).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        ProbeException e = assertThrows(ProbeException.class, () -> parse(cut));
        assertEquals(ProbeException.Kind.NOT_PYTHON, e.kind());
        assertTrue(e.getMessage().contains("end marker"), e.getMessage());
    }

    @Test
    void interpreterThatOnlyGaveItsVersionIsTooOld() {
        byte[] old = "pybridge-probe=1\0version=2.7.18\0end\0".getBytes(StandardCharsets.US_ASCII);
        ProbeException e = assertThrows(ProbeException.class, () -> parse(old));
        assertEquals(ProbeException.Kind.TOO_OLD, e.kind());
        assertEquals(new PythonVersion(2, 7, 18), e.version());
        assertTrue(e.getMessage().contains("3.11 to 3.14"), e.getMessage());
    }

    @Test
    void answerMissingARequiredRecordIsNotAPython() throws ProbeException {
        ProbeOutput output = parse(FakePython.answer(PREFIX).remove("base_prefix").bytes());
        ProbeException e = assertThrows(ProbeException.class, () -> ProbeResult.from(PREFIX.resolve("bin/python3"), output));
        assertEquals(ProbeException.Kind.NOT_PYTHON, e.kind());
        assertTrue(e.getMessage().contains("'base_prefix'"), e.getMessage());
    }

    @Test
    void recordWithoutKeyIsRefused() {
        byte[] bytes = "pybridge-probe=1\0version=3.12.0\0=oops\0end\0".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ProbeException.Kind.NOT_PYTHON, assertThrows(ProbeException.class, () -> parse(bytes)).kind());
    }

    @Test
    void probeScriptHasNoDoubleQuotesSoWindowsCommandLinesCarryIt() {
        assertFalse(ProbeScript.TEXT.contains("\""));
        assertTrue(ProbeScript.TEXT.contains("pybridge-probe=1"));
    }
}
