package io.pybridge.internal.runtime;

import io.pybridge.Python;
import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.TracebackObjects;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The traceback fields read in place are the ones Python's attributes give, on this interpreter. */
class CapturedTracebackTest {

    @Test
    void fieldsReadInPlaceAreTheAttributes() {
        Python.start();
        GilScope.call(ctx -> {
            PythonCode.exec(ctx, """
                    def _captured_inner():
                        raise ValueError('captured')
                    def _captured_outer():
                        return [_captured_inner() for _ in range(1)]
                    try:
                        _captured_outer()
                    except ValueError as e:
                        _captured = e
                    _captured_expected = []
                    _tb = _captured.__traceback__
                    while _tb is not None:
                        _captured_expected.append((_tb.tb_frame.f_code.co_name, _tb.tb_lasti, _tb.tb_lineno))
                        _tb = _tb.tb_next
                    """);
            long exception = PythonCode.eval(ctx, "_captured");
            String expected = text(ctx, PythonCode.eval(ctx, "repr(_captured_expected)"));
            long first = CPython.PyException_GetTraceback(exception);
            StringBuilder read = new StringBuilder("[");
            int entries = 0;
            for (long traceback = first; traceback != 0; traceback = TracebackObjects.next(traceback)) {
                long frame = TracebackObjects.frame(traceback);
                long code = CPython.PyFrame_GetCode(frame);
                int lasti = TracebackObjects.lastInstruction(traceback);
                int line = TracebackObjects.storedLine(traceback);
                if (line < 0) {
                    line = CPython.PyCode_Addr2Line(code, lasti);
                }
                read.append(entries++ == 0 ? "" : ", ").append("('")
                        .append(PythonNames.stringAttribute(ctx, code, "co_name")).append("', ")
                        .append(lasti).append(", ").append(line).append(')');
                CPython.Py_DecRef(code);
                CPython.Py_DecRef(frame);
            }
            CPython.Py_DecRef(first);
            assertEquals(expected, read.append(']').toString());
            assertTrue(entries >= 3, "three levels at least: " + read);

            assertTrue(TracebackObjects.readsInPlace(), "the layout check passes on every supported interpreter");

            StackTraceElement[] frames = CapturedTraceback.of(ctx, exception).frames(ctx);
            assertEquals("_captured_inner", frames[0].getMethodName(), Arrays.toString(frames));
            assertEquals("<module>", frames[frames.length - 1].getMethodName(), Arrays.toString(frames));
            CPython.Py_DecRef(exception);
            return null;
        });
    }

    private static String text(ThreadContext ctx, long str) {
        try {
            return PythonText.read(ctx, str);
        } finally {
            CPython.Py_DecRef(str);
        }
    }
}
