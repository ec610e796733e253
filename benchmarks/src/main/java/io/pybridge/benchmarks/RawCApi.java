package io.pybridge.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libpython through plain FFM downcall handles, with no bridge code: what the raw FFM rows of
 * {@code benchmarks/startup.sh} and {@code benchmarks/warmup.sh} ({@link RawFfmStartupMain},
 * {@link RawFfmWarmupMain}) and {@link RawFfmBenchmark} run, the floor under the bridge on the same JDK.
 * The interpreter is started as the C program {@code startup_embed} starts it.
 *
 * <p>Every function is bound in the one shape the bridge binds its integer functions in
 * ({@code long f(long, long, long, long)}: pointers and integers are {@code long}s, unused arguments are
 * passed as 0 and an unused result is ignored, which the x86-64 and AArch64 C calling conventions allow), so
 * that the floor makes one downcall stub, as few as the bridge's start makes. {@link #use} names the library
 * before anything binds a function: {@link Library} opens it on first use. The handles of the timed work are
 * constants the JIT can fold ({@link Calls} and the other holders, each bound when first used), as the
 * bridge's own binding holders are.
 */
final class RawCApi {
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    private static final FunctionDescriptor INTEGERS =
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static Path library;

    private RawCApi() {
    }

    static void use(Path path) {
        library = path;
    }

    /** Work through the handles, whose {@code invokeExact} declares {@code Throwable}. */
    interface Step<T> {
        T run() throws Throwable;
    }

    /** What {@code step} returns; a checked throwable it throws comes wrapped in an unchecked exception. */
    static <T> T unchecked(Step<T> step) {
        try {
            return step.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The library {@link #use} named, opened when the first function is bound. */
    private static final class Library {
        static final SymbolLookup SYMBOLS = open(library);

        private Library() {
        }
    }

    /** The functions the timed work makes, bound once; each is invoked as {@code (long) h.invokeExact(a, b, c, d)}. */
    static final class Calls {
        static final MethodHandle RESTORE_THREAD = handle("PyEval_RestoreThread");
        static final MethodHandle SAVE_THREAD = handle("PyEval_SaveThread");
        static final MethodHandle FROM_LONG = handle("PyLong_FromLongLong");
        static final MethodHandle AS_LONG = handle("PyLong_AsLongLong");
        static final MethodHandle VECTORCALL = handle("PyObject_Vectorcall");
        static final MethodHandle DEC_REF = handle("Py_DecRef");

        private Calls() {
        }
    }

    /** What a caught exception's floor adds ({@link RawFfmBenchmark#valueError}). */
    static final class ExceptionCalls {
        static final MethodHandle TYPE_NAME = handle("PyType_GetName");
        static final MethodHandle STR = handle("PyObject_Str");
        static final MethodHandle AS_UTF8 = handle("PyUnicode_AsUTF8AndSize");

        private ExceptionCalls() {
        }
    }

    /** Taking the raised exception on 3.12 and later. */
    static final class RaisedException {
        static final MethodHandle TAKE = handle("PyErr_GetRaisedException");

        private RaisedException() {
        }
    }

    /** Taking the raised exception on 3.11: type, value and traceback, the value normalized. */
    static final class FetchedException {
        static final MethodHandle FETCH = handle("PyErr_Fetch");
        static final MethodHandle NORMALIZE = handle("PyErr_NormalizeException");

        private FetchedException() {
        }
    }

    private static SymbolLookup open(Path path) {
        Linker linker = Linker.nativeLinker();
        MethodHandle dlopen = linker.downcallHandle(linker.defaultLookup().find("dlopen").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        long opened;
        try (Arena arena = Arena.ofConfined()) {
            // RTLD_GLOBAL, as the bridge opens it, so that extension modules find the C API.
            opened = unchecked(() -> (long) dlopen.invokeExact(arena.allocateFrom(path.toString()), RTLD_NOW | RTLD_GLOBAL));
        }
        if (opened == 0) {
            throw new IllegalArgumentException("dlopen could not open " + path);
        }
        return SymbolLookup.libraryLookup(path, Arena.global());
    }

    /** A handle on {@code name} in the one shape. */
    static MethodHandle handle(String name) {
        MemorySegment address = Library.SYMBOLS.find(name)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in " + library));
        return Linker.nativeLinker().downcallHandle(address, INTEGERS);
    }

    /**
     * Starts the interpreter ({@code Py_SetProgramName}, {@code Py_InitializeEx(0)}) with {@code moduleDir}
     * first on {@code sys.path}; the calling thread holds the GIL afterwards.
     */
    static void start(String programName, String moduleDir) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long name = (long) handle("Py_DecodeLocale").invokeExact(arena.allocateFrom(programName).address(), 0L, 0L, 0L);
            long ignored = (long) handle("Py_SetProgramName").invokeExact(name, 0L, 0L, 0L);
            ignored = (long) handle("Py_InitializeEx").invokeExact(0L, 0L, 0L, 0L);
            long path = (long) handle("PySys_GetObject").invokeExact(arena.allocateFrom("path").address(), 0L, 0L, 0L);
            long folder = (long) handle("PyUnicode_DecodeFSDefault")
                    .invokeExact(arena.allocateFrom(moduleDir).address(), 0L, 0L, 0L);
            int inserted = path == 0 || folder == 0 ? -1
                    : (int) (long) handle("PyList_Insert").invokeExact(path, 0L, folder, 0L);
            check(inserted == 0, "putting " + moduleDir + " on sys.path");
            ignored = (long) Calls.DEC_REF.invokeExact(folder, 0L, 0L, 0L);
        }
    }

    /** {@code module.name}, a new reference; the caller holds the GIL. */
    static long importAttribute(String module, String name) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long imported = (long) handle("PyImport_ImportModule")
                    .invokeExact(arena.allocateFrom(module).address(), 0L, 0L, 0L);
            check(imported != 0, "importing " + module);
            long attribute = (long) handle("PyObject_GetAttrString")
                    .invokeExact(imported, arena.allocateFrom(name).address(), 0L, 0L);
            long ignored = (long) Calls.DEC_REF.invokeExact(imported, 0L, 0L, 0L);
            check(attribute != 0, "reading " + module + "." + name);
            return attribute;
        }
    }

    /** Throws, after Python has printed its error, unless {@code ok}. */
    static void check(boolean ok, String doing) throws Throwable {
        if (!ok) {
            long ignored = (long) handle("PyErr_Print").invokeExact(0L, 0L, 0L, 0L);
            throw new IllegalStateException("Python failed while " + doing);
        }
    }
}
