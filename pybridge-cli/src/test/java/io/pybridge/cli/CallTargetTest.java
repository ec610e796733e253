package io.pybridge.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTargetTest {

    @Test
    void moduleAndAttributePathMayBothBeDotted() {
        assertEquals(new CallTarget("json", List.of("dumps")), CallTarget.parse("json:dumps"));
        assertEquals(new CallTarget("package.module", List.of("Class", "method")),
                CallTarget.parse("package.module:Class.method"));
        assertEquals(new CallTarget("_private", List.of("__call__")), CallTarget.parse("_private:__call__"));
        assertEquals(new CallTarget("données", List.of("öffnen")), CallTarget.parse("données:öffnen"));
        assertEquals("package.module:Class.method", CallTarget.parse("package.module:Class.method").toString());
    }

    @Test
    void malformedTargetsSayWhatIsWrong() {
        for (String text : List.of("json", "json.dumps", "a:b:c", ":dumps", "json:", "json:.dumps", "json:dumps.",
                "os..path:join", "1json:dumps", "json:dumps()", "js on:dumps", "json:du-mps")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CallTarget.parse(text), text);
            assertTrue(e.getMessage().startsWith("'" + text + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. json:dumps"), e.getMessage());
        }
    }

    @Test
    void identifiers() {
        assertTrue(CallTarget.isIdentifier("limit"));
        assertTrue(CallTarget.isIdentifier("_x1"));
        assertFalse(CallTarget.isIdentifier("1x"));
        assertFalse(CallTarget.isIdentifier("a-b"));
        assertFalse(CallTarget.isIdentifier(""));
    }
}
