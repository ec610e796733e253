package io.pybridge.internal.runtime;

import io.pybridge.PythonSetupException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment variables read for a PEP 741 start-up, with CPython's rules. */
class StartupEnvironmentTest {

    private static Map<String, Long> options(Map<String, String> environment) {
        return StartupEnvironment.options(environment::get);
    }

    @Test
    void unsetOrEmptyVariablesAskForNothing() {
        assertEquals(Map.of(), options(Map.of()));
        assertEquals(Map.of(), options(Map.of("PYTHONDEVMODE", "", "PYTHONHASHSEED", "", "PYTHONTRACEMALLOC", "")));
        assertEquals(Map.of(), options(Map.of("PYTHONHASHSEED", "random")));
    }

    @Test
    void eachVariableBecomesItsOption() {
        Map<String, Long> options = options(Map.of("PYTHONDEVMODE", "x", "PYTHONHASHSEED", "4294967295",
                "PYTHONTRACEMALLOC", "5", "PYTHONINTMAXSTRDIGITS", "0", "PYTHONPERFSUPPORT", "1"));
        assertEquals(Map.of("dev_mode", 1L, "faulthandler", 1L, "use_hash_seed", 1L, "hash_seed", 4_294_967_295L,
                "tracemalloc", 5L, "int_max_str_digits", 0L, "perf_profiling", 1L), options);
        assertEquals("dev_mode", options.keySet().iterator().next(), "a pre-initialization option comes first");
    }

    @Test
    void theJitPerfSupportWinsAndAnUnparsableValueTurnsItOff() {
        assertEquals(Map.of("perf_profiling", 2L), options(Map.of("PYTHONPERFSUPPORT", "1", "PYTHON_PERF_JIT_SUPPORT", "1")));
        assertEquals(Map.of(), options(Map.of("PYTHONPERFSUPPORT", "yes")));
    }

    @Test
    void valuesStandalonePythonRefusesAreRefusedNamingTheVariable() {
        for (Map<String, String> bad : List.of(Map.of("PYTHONHASHSEED", "4294967296"), Map.of("PYTHONHASHSEED", "-1"),
                Map.of("PYTHONTRACEMALLOC", "many"), Map.of("PYTHONINTMAXSTRDIGITS", "639"))) {
            PythonSetupException e = assertThrows(PythonSetupException.class, () -> options(bad));
            String variable = bad.keySet().iterator().next();
            assertTrue(e.getMessage().startsWith(variable), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad.get(variable) + "'"), e.getMessage());
        }
    }
}
