package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.EnvironmentVariables;
import io.pybridge.internal.capi.LibC;
import io.pybridge.internal.capi.Locales;
import io.pybridge.internal.capi.PreInitialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The locale standalone Python starts with, set before the embedded one initializes.
 *
 * <p>The Java launcher calls {@code setlocale(LC_ALL, "")}: every category follows the environment.
 * {@code python3} is a C program, which starts with every category "C", and sets only {@code LC_CTYPE}
 * from the environment; with {@code LANG=de_DE.UTF-8} C code inside the embedded interpreter would
 * otherwise parse "1.5" as 1 ({@code atof}) and format numbers and dates differently. Where the
 * environment gives the legacy "C" locale, {@code python3} also coerces {@code LC_CTYPE} to a UTF-8 locale
 * (PEP 538, exporting {@code LC_CTYPE} to child processes) and turns on UTF-8 mode (PEP 540); the legacy
 * initialization API the bridge uses does neither, and ignores {@code PYTHONUTF8}, so both are done here
 * the way {@code python3} does them.
 */
final class StandaloneLocale {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneLocale.class);
    /** python3's candidates for coercion, in its order. */
    private static final List<String> UTF8_LOCALES = List.of("C.UTF-8", "C.utf8", "UTF-8");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private StandaloneLocale() {
    }

    static void apply() {
        if (!Locales.isSupported()) {
            return;
        }
        Locales.keepOnlyCtype();
        if (WINDOWS) {
            return;
        }
        String ctype = Locales.ctype();
        Optional<String> utf8Setting = variable("PYTHONUTF8");
        boolean utf8Mode = utf8Setting.isPresent() ? utf8Setting.get().equals("1")
                : "C".equals(ctype) || "POSIX".equals(ctype);
        if ("C".equals(ctype) && variable("LC_ALL").isEmpty()
                && !variable("PYTHONCOERCECLOCALE").orElse("").equals("0")) {
            coerceToUtf8();
        }
        if (utf8Mode && !PreInitialization.enableUtf8Mode()) {
            LOG.warn("this libpython does not export Py_UTF8Mode: Python's UTF-8 mode stays off, where python3 "
                    + "would turn it on (LC_CTYPE={}, PYTHONUTF8={})", ctype, utf8Setting.orElse("unset"));
        }
    }

    private static void coerceToUtf8() {
        for (String candidate : UTF8_LOCALES) {
            if (Locales.setCtype(candidate)) {
                LibC.setenv("LC_CTYPE", candidate);
                return;
            }
        }
    }

    /** A variable of the process environment; empty when unset or empty, as Python reads them. */
    private static Optional<String> variable(String name) {
        Optional<String> value = EnvironmentVariables.get(name);
        return value.isPresent() && value.get().isEmpty() ? Optional.empty() : value;
    }
}
