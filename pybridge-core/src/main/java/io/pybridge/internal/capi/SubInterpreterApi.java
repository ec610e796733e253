package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@code Py_NewInterpreterFromConfig} (Python 3.12+, PEP 684): a sub-interpreter with a GIL of its own.
 * It takes a {@code PyInterpreterConfig} and returns a {@code PyStatus} by value, which the generated
 * bindings cannot express, so it is bound here by hand.
 *
 * <p>Both structs were checked against CPython's headers: {@code PyInterpreterConfig} is seven
 * {@code int}s in this order in 3.12 ({@code Include/cpython/pylifecycle.h}), 3.13 (the bundled 3.13.5
 * headers) and 3.14 / main (where only {@code Py_NOEXCEPT} markers were added); {@code PyStatus} is
 * {@code {int _type; const char *func; const char *err_msg; int exitcode;}} since 3.8. On 3.11 the
 * function does not exist and {@link #isAvailable()} says so.
 */
public final class SubInterpreterApi {
    /** {@code PyInterpreterConfig_OWN_GIL}. */
    private static final int OWN_GIL = 2;

    private static final StructLayout CONFIG = MemoryLayout.structLayout(
            JAVA_INT.withName("use_main_obmalloc"),
            JAVA_INT.withName("allow_fork"),
            JAVA_INT.withName("allow_exec"),
            JAVA_INT.withName("allow_threads"),
            JAVA_INT.withName("allow_daemon_threads"),
            JAVA_INT.withName("check_multi_interp_extensions"),
            JAVA_INT.withName("gil"));

    private static final StructLayout STATUS = MemoryLayout.structLayout(
            JAVA_INT.withName("type"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("func"),
            ADDRESS.withName("err_msg"),
            JAVA_INT.withName("exitcode"),
            MemoryLayout.paddingLayout(4));

    private static final VarHandle STATUS_TYPE = STATUS.varHandle(MemoryLayout.PathElement.groupElement("type"));
    private static final VarHandle STATUS_FUNC = STATUS.varHandle(MemoryLayout.PathElement.groupElement("func"));
    private static final VarHandle STATUS_MESSAGE = STATUS.varHandle(MemoryLayout.PathElement.groupElement("err_msg"));

    private static final MethodHandle NEW_FROM_CONFIG = LibPython.find("Py_NewInterpreterFromConfig")
            .map(symbol -> Linker.nativeLinker().downcallHandle(symbol, FunctionDescriptor.of(STATUS, JAVA_LONG, JAVA_LONG)))
            .orElse(null);

    private SubInterpreterApi() {
    }

    /** Whether this libpython can create sub-interpreters with their own GIL (3.12+). */
    public static boolean isAvailable() {
        return NEW_FROM_CONFIG != null;
    }

    /**
     * Creates an isolated sub-interpreter with its own GIL, like {@code _interpreters.create()}: its own
     * object allocator, no fork or exec, threads but no daemon threads, and only extension modules that
     * declare support for sub-interpreters. The calling thread must be attached to an interpreter; on
     * return it is attached to the new one (holding its GIL) and the old one's GIL is released.
     *
     * @return the new interpreter's thread state, bound to the calling thread
     * @throws IllegalStateException with CPython's reason when it fails; the caller is then attached
     *                               to its previous interpreter again
     */
    public static long newIsolatedInterpreter() {
        if (NEW_FROM_CONFIG == null) {
            throw new IllegalStateException("Py_NewInterpreterFromConfig is not in this libpython (Python 3.12+ has it)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG);
            int[] values = {0, 0, 0, 1, 0, 1, OWN_GIL};
            for (int i = 0; i < values.length; i++) {
                config.setAtIndex(JAVA_INT, i, values[i]);
            }
            MemorySegment threadState = arena.allocate(JAVA_LONG);
            MemorySegment status = (MemorySegment) NEW_FROM_CONFIG.invokeExact((SegmentAllocator) arena,
                    threadState.address(), config.address());
            int type = (int) STATUS_TYPE.get(status, 0L);
            if (type != 0) {
                throw new IllegalStateException("Py_NewInterpreterFromConfig failed: "
                        + cString((MemorySegment) STATUS_MESSAGE.get(status, 0L)).orElse("no reason given")
                        + cString((MemorySegment) STATUS_FUNC.get(status, 0L)).map(f -> " (in " + f + ")").orElse(""));
            }
            long created = threadState.get(JAVA_LONG, 0);
            if (created == 0) {
                throw new IllegalStateException("Py_NewInterpreterFromConfig created no interpreter (out of memory?)");
            }
            return created;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("call to Py_NewInterpreterFromConfig failed", t);
        }
    }

    private static Optional<String> cString(MemorySegment pointer) {
        return pointer.address() == 0 ? Optional.empty() : Optional.of(Memory.cString(pointer.address()));
    }
}
