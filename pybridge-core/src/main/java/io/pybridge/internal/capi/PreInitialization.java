package io.pybridge.internal.capi;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Legacy global configuration variables of libpython, read by {@code Py_InitializeEx}: the only way the
 * legacy initialization API takes some settings. They are deprecated since 3.12 but still exported
 * (3.14 included); each is looked up by name and simply reported missing where a version drops it.
 */
public final class PreInitialization {
    private PreInitialization() {
    }

    /**
     * Sets {@code Py_UTF8Mode = 1}, which the legacy initialization honours while it ignores
     * {@code PYTHONUTF8}. Must be called before {@code Py_InitializeEx}. Returns false when this libpython
     * does not export the variable.
     */
    public static boolean enableUtf8Mode() {
        Optional<MemorySegment> flag = LibPython.find("Py_UTF8Mode");
        flag.ifPresent(address -> address.reinterpret(JAVA_INT.byteSize()).set(JAVA_INT, 0, 1));
        return flag.isPresent();
    }

    /**
     * Whether {@code Py_UTF8Mode} is 1 ({@link #enableUtf8Mode} was called). PEP 741's configuration
     * ignores the global variables, so its initialization passes this on as the {@code utf8_mode} option.
     */
    public static boolean utf8ModeEnabled() {
        return LibPython.find("Py_UTF8Mode")
                .map(address -> address.reinterpret(JAVA_INT.byteSize()).get(JAVA_INT, 0) == 1)
                .orElse(false);
    }
}
