package io.pybridge.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libpython through plain FFM downcall handles, with no bridge code: what the raw FFM rows of
 * {@code benchmarks/startup.sh} and {@code benchmarks/warmup.sh} run ({@link RawFfmStartupMain},
 * {@link RawFfmWarmupMain}), the floor under the bridge on the same JDK. The interpreter is started as
 * the C program {@code startup_embed} starts it. Pointers are {@code long}s, as in the bridge.
 *
 * <p>{@link #use} names the library before anything touches {@link Calls}, whose handles are constants the
 * JIT can fold, as the bridge's own binding holders are.
 */
final class RawCApi {
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
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

    /** The functions a call makes, bound once. */
    static final class Calls {
        static final SymbolLookup SYMBOLS = open(library);
        static final MethodHandle RESTORE_THREAD = handle("PyEval_RestoreThread", null, JAVA_LONG);
        static final MethodHandle SAVE_THREAD = handle("PyEval_SaveThread", JAVA_LONG);
        static final MethodHandle FROM_LONG = handle("PyLong_FromLongLong", JAVA_LONG, JAVA_LONG);
        static final MethodHandle AS_LONG = handle("PyLong_AsLongLong", JAVA_LONG, JAVA_LONG);
        static final MethodHandle VECTORCALL =
                handle("PyObject_Vectorcall", JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
        static final MethodHandle DEC_REF = handle("Py_DecRef", null, JAVA_LONG);

        private Calls() {
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

    /** A handle on {@code name}; a null {@code result} for a function returning nothing. */
    static MethodHandle handle(String name, MemoryLayout result, MemoryLayout... arguments) {
        MemorySegment address = Calls.SYMBOLS.find(name)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in " + library));
        FunctionDescriptor shape = result == null ? FunctionDescriptor.ofVoid(arguments)
                : FunctionDescriptor.of(result, arguments);
        return Linker.nativeLinker().downcallHandle(address, shape);
    }

    /**
     * Starts the interpreter ({@code Py_SetProgramName}, {@code Py_InitializeEx(0)}) with {@code moduleDir}
     * first on {@code sys.path}; the calling thread holds the GIL afterwards.
     */
    static void start(String programName, String moduleDir) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long name = (long) handle("Py_DecodeLocale", JAVA_LONG, JAVA_LONG, JAVA_LONG)
                    .invokeExact(arena.allocateFrom(programName).address(), 0L);
            handle("Py_SetProgramName", null, JAVA_LONG).invokeExact(name);
            handle("Py_InitializeEx", null, JAVA_INT).invokeExact(0);
            long path = (long) handle("PySys_GetObject", JAVA_LONG, JAVA_LONG)
                    .invokeExact(arena.allocateFrom("path").address());
            long folder = (long) handle("PyUnicode_DecodeFSDefault", JAVA_LONG, JAVA_LONG)
                    .invokeExact(arena.allocateFrom(moduleDir).address());
            int inserted = path == 0 || folder == 0 ? -1
                    : (int) handle("PyList_Insert", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG).invokeExact(path, 0L, folder);
            check(inserted == 0, "putting " + moduleDir + " on sys.path");
            Calls.DEC_REF.invokeExact(folder);
        }
    }

    /** {@code module.name}, a new reference; the caller holds the GIL. */
    static long importAttribute(String module, String name) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long imported = (long) handle("PyImport_ImportModule", JAVA_LONG, JAVA_LONG)
                    .invokeExact(arena.allocateFrom(module).address());
            check(imported != 0, "importing " + module);
            long attribute = (long) handle("PyObject_GetAttrString", JAVA_LONG, JAVA_LONG, JAVA_LONG)
                    .invokeExact(imported, arena.allocateFrom(name).address());
            Calls.DEC_REF.invokeExact(imported);
            check(attribute != 0, "reading " + module + "." + name);
            return attribute;
        }
    }

    /** Throws, after Python has printed its error, unless {@code ok}. */
    static void check(boolean ok, String doing) throws Throwable {
        if (!ok) {
            handle("PyErr_Print", null).invokeExact();
            throw new IllegalStateException("Python failed while " + doing);
        }
    }
}
