package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The loaded libpython: opened once per JVM, before {@link CPython} is first touched, after the
 * libraries it needs to find globally (e.g. the bundled openblas for numpy).
 */
public final class LibPython {
    private static final Linker LINKER = Linker.nativeLinker();
    private static volatile NativeLibrary library;

    private LibPython() {
    }

    /**
     * Opens {@code preload} then {@code libpython}, all with global symbol visibility. A second call
     * with the same library is a no-op; with another it fails, since one process holds one interpreter.
     */
    public static synchronized void load(Path libpython, List<Path> preload) {
        if (library != null) {
            if (!library.path().equals(libpython)) {
                throw new IllegalStateException("libpython " + library.path()
                        + " is already loaded in this JVM; cannot also load " + libpython);
            }
            return;
        }
        if (!CFunctions.SIXTY_FOUR_BIT) {
            throw new IllegalStateException("PyBridge needs a 64-bit JVM: its bindings pass C ints as 64-bit values");
        }
        for (Path p : preload) {
            NativeLibrary.openGlobal(p);
        }
        library = NativeLibrary.openGlobal(libpython);
    }

    public static boolean isLoaded() {
        return library != null;
    }

    static NativeLibrary library() {
        NativeLibrary lib = library;
        if (lib == null) {
            throw new IllegalStateException("libpython is not loaded yet");
        }
        return lib;
    }

    public static Optional<MemorySegment> find(String symbol) {
        return library().find(symbol);
    }

    /** The address of an exported object, e.g. {@code _Py_NoneStruct} or {@code PyLong_Type}. */
    public static long objectAddress(String symbol) {
        return required(symbol).address();
    }

    /** The value of an exported pointer variable, e.g. {@code PyExc_ValueError}. */
    public static long pointerValue(String symbol) {
        return required(symbol).reinterpret(8).get(JAVA_LONG, 0);
    }

    private static MemorySegment required(String symbol) {
        Optional<MemorySegment> found = find(symbol);
        if (found.isEmpty()) {
            throw missing(symbol);
        }
        return found.get();
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, boolean critical, boolean required) {
        Optional<MemorySegment> symbol = find(name);
        if (symbol.isEmpty()) {
            if (required) {
                throw missing(name);
            }
            return null;
        }
        return DowncallShapes.bind(symbol.get(), descriptor, critical);
    }

    /** An upcall stub for a static Java method, valid for the life of the JVM. */
    public static MemorySegment upcall(MethodHandles.Lookup lookup, Class<?> owner, String method,
                                       FunctionDescriptor descriptor) {
        try {
            MethodHandle target = lookup.findStatic(owner, method, descriptor.toMethodType());
            return LINKER.upcallStub(target, descriptor, java.lang.foreign.Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no upcall target " + owner.getName() + "." + method, e);
        }
    }

    static RuntimeException rethrow(String function, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("call to " + function + " failed", t);
    }

    private static UnsatisfiedLinkError missing(String symbol) {
        return new UnsatisfiedLinkError(symbol + " not found in " + library().path()
                + ": this libpython is not a CPython 3.11-3.14 shared library");
    }
}
