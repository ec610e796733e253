package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

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
            handle = CFunctions.call(Dl.DLOPEN, arena.allocateFrom(path.toString()).address(), (long) (RTLD_NOW | RTLD_GLOBAL));
        } catch (Throwable t) {
            throw new IllegalStateException("dlopen(" + path + ") failed", t);
        }
        if (handle == 0) {
            throw new UnsatisfiedLinkError("cannot load " + path + ": " + Dl.lastError());
        }
        return new NativeLibrary(path, new DlsymLookup(handle));
    }

    public Path path() {
        return path;
    }

    public Optional<MemorySegment> find(String symbol) {
        return lookup.find(symbol);
    }

    /**
     * dlsym on one library, the name written into a buffer the lookup keeps: a confined arena per name
     * cost each binding 40-230 us while the JDK's code runs interpreted. A name too long for the buffer
     * (none of the C API's is) gets a larger one, kept in its place.
     */
    private static final class DlsymLookup implements SymbolLookup {
        private final long handle;
        private MemorySegment name = Arena.global().allocate(256);

        DlsymLookup(long handle) {
            this.handle = handle;
        }

        @Override
        public synchronized Optional<MemorySegment> find(String symbol) {
            long longestEncoding = symbol.length() * 3L + 1;   // UTF-8 and the terminating NUL
            if (longestEncoding > name.byteSize()) {
                name = Arena.ofAuto().allocate(longestEncoding);
            }
            try {
                name.setString(0, symbol);
                long address = CFunctions.call(Dl.DLSYM, handle, name.address());
                return address == 0 ? Optional.empty() : Optional.of(MemorySegment.ofAddress(address));
            } catch (Throwable t) {
                throw new IllegalStateException("dlsym(" + symbol + ") failed", t);
            }
        }
    }

    /** dlopen, dlsym and dlerror from the C library, which the JDK's default lookup exposes. */
    private static final class Dl {
        static final MethodHandle DLOPEN = CFunctions.requiredOfLibc("dlopen");
        static final MethodHandle DLSYM = CFunctions.requiredOfLibc("dlsym");
        static final MethodHandle DLERROR = CFunctions.requiredOfLibc("dlerror");

        static String lastError() {
            try {
                long message = CFunctions.call(DLERROR);
                return message == 0 ? "unknown error" : Memory.cString(message);
            } catch (Throwable t) {
                return "unknown error (" + t + ")";
            }
        }
    }
}
