package io.pybridge.internal.convert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bind-time check of declared types, for records: reachable ones pass, others say why and what to do. */
class SupportedTypesTest {
    public record Reading(String sensor, List<Double> values, boolean calibrated) {
    }

    /** A record of java.base in a package it does not open: its accessors cannot be made accessible. */
    private static Class<?> unreachableRecord() throws ClassNotFoundException {
        Class<?> type = Class.forName("jdk.internal.foreign.abi.VMStorage");
        assertTrue(type.isRecord(), type + " is no longer a record; pick another record of an unopened package");
        return type;
    }

    @Test
    void aReachableRecordPassesBothWays() {
        assertEquals(Optional.empty(), SupportedTypes.problemAsResult(Reading.class));
        assertEquals(Optional.empty(), SupportedTypes.problemAsArgument(Reading.class));
    }

    @Test
    void aRecordPyBridgeCannotReachFailsTheCheckNamingItAndTheFix() throws ClassNotFoundException {
        Class<?> unreachable = unreachableRecord();
        for (Optional<String> problem : List.of(SupportedTypes.problemAsResult(unreachable),
                SupportedTypes.problemAsArgument(unreachable))) {
            String message = problem.orElseThrow(() -> new AssertionError(unreachable + " passed the check"));
            assertTrue(message.contains("jdk.internal.foreign.abi.VMStorage is not accessible to PyBridge")
                    && message.contains("open its package"), message);
        }
    }
}
