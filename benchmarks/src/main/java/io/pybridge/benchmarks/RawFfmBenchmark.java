package io.pybridge.benchmarks;

import io.pybridge.benchmarks.RawCApi.Calls;
import io.pybridge.benchmarks.RawCApi.ExceptionCalls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * The JDK's floor under the bridge in steady state: the C baseline's calls through plain FFM handles on the
 * interpreter the bridge started ({@link RawCApi}), in a {@code withGil} body per batch as the other
 * benchmarks run. {@link #add}: {@code add(i, 1)} as {@code capi.call_add} makes it, under
 * {@link CallBenchmark#add}. {@link #valueError}: {@code capi.exception_value_error}'s calls, the type
 * name and message read into Java strings and thrown in a Java exception (with its stack trace, as every
 * Java exception has), under {@link ExceptionBenchmark#valueError}. Against the C baseline each is what FFM
 * and the JVM cost; against the bridge's benchmark, what the bridge adds.
 */
@State(Scope.Thread)
@OperationsPerInvocation(RawFfmBenchmark.BATCH)
public class RawFfmBenchmark {
    static final int BATCH = 1000;
    private static final int EXCEPTION_BATCH = 100;
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final long OB_TYPE = 8;
    private Arena arena;
    /** Room for two arguments, then three out-pointers (PyErr_Fetch), then a size. */
    private long scratch;
    private long add;
    private long raiseValueError;
    private boolean raisedExceptionApi;
    private long i;

    /** A Python exception as the floor gives it to Java: type name and message, and a Java stack trace. */
    static final class RaisedInPython extends RuntimeException {
        final String type;

        RaisedInPython(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    @Setup
    public void setUp() {
        RawCApi.use(Bridge.PYTHON.runtime().library());
        arena = Arena.ofConfined();
        scratch = arena.allocate(48, 8).address();
        raisedExceptionApi = Bridge.PYTHON.runtime().version().atLeast(3, 12);
        add = Bridge.PYTHON.withGil(py -> RawCApi.unchecked(() -> RawCApi.importAttribute("bench_target", "add")));
        raiseValueError = Bridge.PYTHON.withGil(py -> RawCApi.unchecked(
                () -> RawCApi.importAttribute("bench_target", "raise_value_error")));
    }

    @TearDown
    public void tearDown() {
        Bridge.PYTHON.withGil(py -> RawCApi.unchecked(() -> {
            long unused = (long) Calls.DEC_REF.invokeExact(add, 0L, 0L, 0L);
            unused = (long) Calls.DEC_REF.invokeExact(raiseValueError, 0L, 0L, 0L);
            return null;
        }));
        arena.close();
    }

    /** {@code capi.call_add}'s calls. */
    @Benchmark
    public long add() {
        return Bridge.PYTHON.withGil(py -> RawCApi.unchecked(() -> {
            long sum = 0;
            for (int k = 0; k < BATCH; k++) {
                sum += add(i++);
            }
            return sum;
        }));
    }

    private long add(long a) throws Throwable {
        long left = (long) Calls.FROM_LONG.invokeExact(a, 0L, 0L, 0L);
        long right = (long) Calls.FROM_LONG.invokeExact(1L, 0L, 0L, 0L);
        EVERYTHING.set(JAVA_LONG_UNALIGNED, scratch, left);
        EVERYTHING.set(JAVA_LONG_UNALIGNED, scratch + 8, right);
        long result = (long) Calls.VECTORCALL.invokeExact(add, scratch, 2L, 0L);
        long unused = (long) Calls.DEC_REF.invokeExact(left, 0L, 0L, 0L);
        unused = (long) Calls.DEC_REF.invokeExact(right, 0L, 0L, 0L);
        if (result == 0) {
            throw new IllegalStateException("add(" + a + ", 1) raised");
        }
        long sum = (long) Calls.AS_LONG.invokeExact(result, 0L, 0L, 0L);
        unused = (long) Calls.DEC_REF.invokeExact(result, 0L, 0L, 0L);
        return sum;
    }

    /** {@code capi.exception_value_error}'s calls, the exception thrown and caught in Java. */
    @Benchmark
    @OperationsPerInvocation(EXCEPTION_BATCH)
    public int valueError() {
        return Bridge.PYTHON.withGil(py -> {
            int length = 0;
            for (int k = 0; k < EXCEPTION_BATCH; k++) {
                try {
                    RawCApi.unchecked(this::raiseValueError);
                    throw new AssertionError("no exception");
                } catch (RaisedInPython e) {
                    length += e.type.length() + e.getMessage().length();
                }
            }
            return length;
        });
    }

    private Void raiseValueError() throws Throwable {
        long result = (long) Calls.VECTORCALL.invokeExact(raiseValueError, 0L, 0L, 0L);
        long unused;
        if (result != 0) {
            unused = (long) Calls.DEC_REF.invokeExact(result, 0L, 0L, 0L);
            return null;
        }
        long exception;
        long type;
        long traceback = 0;
        if (raisedExceptionApi) {
            exception = (long) RawCApi.RaisedException.TAKE.invokeExact(0L, 0L, 0L, 0L);
            type = EVERYTHING.get(JAVA_LONG_UNALIGNED, exception + OB_TYPE);
        } else {
            long typeOut = scratch + 16;
            long valueOut = scratch + 24;
            long tracebackOut = scratch + 32;
            unused = (long) RawCApi.FetchedException.FETCH.invokeExact(typeOut, valueOut, tracebackOut, 0L);
            unused = (long) RawCApi.FetchedException.NORMALIZE.invokeExact(typeOut, valueOut, tracebackOut, 0L);
            type = EVERYTHING.get(JAVA_LONG_UNALIGNED, typeOut);
            exception = EVERYTHING.get(JAVA_LONG_UNALIGNED, valueOut);
            traceback = EVERYTHING.get(JAVA_LONG_UNALIGNED, tracebackOut);
        }
        long typeName = (long) ExceptionCalls.TYPE_NAME.invokeExact(type, 0L, 0L, 0L);
        String typeText = text(typeName);
        unused = (long) Calls.DEC_REF.invokeExact(typeName, 0L, 0L, 0L);
        long message = (long) ExceptionCalls.STR.invokeExact(exception, 0L, 0L, 0L);
        String messageText = text(message);
        unused = (long) Calls.DEC_REF.invokeExact(message, 0L, 0L, 0L);
        unused = (long) Calls.DEC_REF.invokeExact(exception, 0L, 0L, 0L);
        if (!raisedExceptionApi) {
            unused = (long) Calls.DEC_REF.invokeExact(type, 0L, 0L, 0L);
            unused = (long) Calls.DEC_REF.invokeExact(traceback, 0L, 0L, 0L);   // Py_DecRef takes NULL
        }
        throw new RaisedInPython(typeText, messageText);
    }

    /** A str's characters as a Java string, through its UTF-8 form, as the C baseline copies them out. */
    private String text(long str) throws Throwable {
        long sizeOut = scratch + 40;
        long utf8 = (long) ExceptionCalls.AS_UTF8.invokeExact(str, sizeOut, 0L, 0L);
        if (utf8 == 0) {
            throw new IllegalStateException("a type name or message could not be read as UTF-8");
        }
        byte[] bytes = new byte[(int) EVERYTHING.get(JAVA_LONG_UNALIGNED, sizeOut)];
        MemorySegment.copy(EVERYTHING, JAVA_BYTE, utf8, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
