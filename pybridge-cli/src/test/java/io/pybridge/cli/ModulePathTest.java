package io.pybridge.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyBridge as named modules: the command line runs from the module path, finds the bundled runtime through
 * the {@code io.pybridge.spi} service, calls Python with native access granted to {@code io.pybridge} alone,
 * and its doctor reads what core exports to it only. The other tests run on the class path.
 */
class ModulePathTest {

    @Test
    void theCommandLineRunsPythonFromTheModulePath() {
        CliRun.Result result = CliRun.childJvmOnModulePath("run", "--bundled", "math:sqrt", "16");
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        assertEquals("4.0", result.out().strip(), result.toString());
    }

    @Test
    void theDoctorReadsWhatCoreExportsToIt() {
        CliRun.Result result = CliRun.childJvmOnModulePath("doctor", "--bundled");
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        assertTrue(result.out().contains("Python candidates"), result.toString());
        assertTrue(result.out().contains("signals"), result.toString());
    }
}
