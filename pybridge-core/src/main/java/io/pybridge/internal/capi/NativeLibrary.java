package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A shared library opened so that the libraries loaded after it see its symbols.
 *
 * <p>The JDK's own {@link SymbolLookup#libraryLookup} opens libraries {@code RTLD_LOCAL}; C extension
 * modules such as numpy then fail with "undefined symbol: PyExc_ValueError", because they expect the
 * interpreter's symbols to be global. So on Linux and macOS this calls {@code dlopen} itself with
 * {@code RTLD_NOW | RTLD_GLOBAL}. Windows has no such distinction: {@code LoadLibrary} is enough.
 */
public final class NativeLibrary {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = MAC ? 0x8 : 0x100;

    private final Path path;
    private final SymbolLookup lookup;

    private NativeLibrary(Path path, SymbolLookup lookup) {
        this.path = path;
        this.lookup = lookup;
    }

    /**
     * Opens {@code path} with global symbol visibility.
     *
     * @throws UnsatisfiedLinkError with the loader's own message when the library cannot be opened
     */
    public static NativeLibrary openGlobal(Path path) {
        if (WINDOWS) {
            return new NativeLibrary(path, SymbolLookup.libraryLookup(path, Arena.global()));
        }
        long handle;
        try (Arena arena = Arena.ofConfined()) {
            handle = (long) Dl.DLOPEN.invokeExact(arena.allocateFrom(path.toString()).address(), RTLD_NOW | RTLD_GLOBAL);
        } catch (Throwable t) {
            throw new IllegalStateException("dlopen(" + path + ") failed", t);
        }
        if (handle == 0) {
            throw new UnsatisfiedLinkError("cannot load " + path + ": " + Dl.lastError());
        }
        SymbolLookup lookup = name -> {
            try (Arena arena = Arena.ofConfined()) {
                long address = (long) Dl.DLSYM.invokeExact(handle, arena.allocateFrom(name).address());
                return address == 0 ? Optional.empty() : Optional.of(MemorySegment.ofAddress(address));
            } catch (Throwable t) {
                throw new IllegalStateException("dlsym(" + name + ") failed", t);
            }
        };
        return new NativeLibrary(path, lookup);
    }

    public Path path() {
        return path;
    }

    public Optional<MemorySegment> find(String symbol) {
        return lookup.find(symbol);
    }

    /** dlopen, dlsym and dlerror from the C library, which the JDK's default lookup exposes. */
    private static final class Dl {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final MethodHandle DLOPEN = handle("dlopen",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT));
        static final MethodHandle DLSYM = handle("dlsym",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG,
                        JAVA_LONG));
        static final MethodHandle DLERROR = handle("dlerror", FunctionDescriptor.of(ADDRESS));

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = LIBC.find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError(name + " not found in the C library"));
            return LINKER.downcallHandle(symbol, descriptor);
        }

        static String lastError() {
            try {
                MemorySegment message = (MemorySegment) DLERROR.invokeExact();
                return message.equals(MemorySegment.NULL) ? "unknown error"
                        : message.reinterpret(Integer.MAX_VALUE).getString(0);
            } catch (Throwable t) {
                return "unknown error (" + t + ")";
            }
        }
    }
}
