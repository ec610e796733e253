package io.pybridge.internal.runtime;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.internal.discovery.ResolvedPython;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.EnvironmentVariables;
import io.pybridge.internal.capi.LibC;
import io.pybridge.internal.capi.Memory;
import io.pybridge.internal.capi.NativeScratch;
import io.pybridge.internal.capi.PreInitialization;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configures and initializes the interpreter, the same way on every supported version.
 *
 * <p>Where libpython exports the PEP 741 API (CPython 3.14+), it is used: {@code PyInitConfig_Create},
 * options set by name, {@code Py_InitializeFromInitConfig}. That API reports a failed start-up as an
 * error instead of aborting the process, and needs no {@code PyConfig} struct, whose layout differs
 * between versions. Before 3.14 the deprecated {@code Py_SetPythonHome}/{@code Py_SetProgramName} and
 * {@code Py_InitializeEx(0)} are the only way without that struct.
 *
 * <p>The two start from different defaults: {@code Py_InitializeEx} from the "compat" configuration
 * (environment variables read, {@code site} with the user's site-packages, LC_CTYPE set from the
 * environment), {@code PyInitConfig_Create} from the isolated one (nothing read from the environment,
 * no user site, {@code sys.path[0]} never the working directory, locale left alone). The options below
 * make the PEP 741 path give the interpreter the legacy path gives, option for option (compared with
 * {@code PyConfig_Get} on 3.14, with and without every {@code PYTHON*} variable set). Signal handlers stay
 * uninstalled on both ({@code install_signal_handlers=0}, {@code Py_InitializeEx(0)}); faulthandler is
 * {@link ProcessParity}'s business on both. The options the isolated configuration pins to 0 although
 * the environment sets them are read by {@link StartupEnvironment}; the UTF-8 mode {@link StandaloneLocale}
 * chose for the legacy path through the {@code Py_UTF8Mode} global (which PEP 741 ignores) is passed as
 * {@code utf8_mode}.
 */
final class InterpreterConfiguration {

    /** How the interpreter of this process was initialized. */
    enum Api {
        /** {@code PyInitConfig_*} and {@code Py_InitializeFromInitConfig} (PEP 741, CPython 3.14+). */
        INIT_CONFIG,
        /** {@code Py_SetPythonHome}, {@code Py_SetProgramName}, {@code Py_InitializeEx(0)} (3.11–3.13). */
        LEGACY
    }

    /**
     * Pre-initialization options first: any string option pre-initializes Python with what is set so far.
     * {@code isolated} and {@code use_environment} are also configuration options; setting them here sets both.
     */
    private static final List<Option> PRE_OPTIONS = List.of(
            new Option("isolated", 0), new Option("use_environment", 1), new Option("configure_locale", 1));
    private static final List<Option> OPTIONS = List.of(
            new Option("user_site_directory", 1), new Option("safe_path", 0), new Option("pathconfig_warnings", 1),
            new Option("install_signal_handlers", 0));

    /** An integer option of {@code PyInitConfig_SetInt}. */
    private record Option(String name, long value) {
    }

    private static volatile Api used;

    private InterpreterConfiguration() {
    }

    /**
     * Initializes the loaded libpython for {@code spec}, on the thread that will own the main thread
     * state, and returns with the GIL held by it.
     *
     * @throws PythonSetupException when Python refuses the configuration or fails to start
     */
    static Api initialize(ResolvedPython spec) {
        Api api = initConfigAvailable() ? Api.INIT_CONFIG : Api.LEGACY;
        switch (api) {
            case INIT_CONFIG -> initializeFromInitConfig(spec.home().map(Object::toString),
                    spec.programName() == null ? null : spec.programName().toString());
            case LEGACY -> {
                configureLegacy(spec);
                CPython.Py_InitializeEx(0);
            }
        }
        used = api;
        return api;
    }

    /** How this process's interpreter was initialized; empty before it was. */
    static Optional<Api> used() {
        return Optional.ofNullable(used);
    }

    private static boolean initConfigAvailable() {
        return CPython.has_PyInitConfig_Create() && CPython.has_PyInitConfig_Free()
                && CPython.has_PyInitConfig_SetInt() && CPython.has_PyInitConfig_SetStr()
                && CPython.has_PyInitConfig_GetError() && CPython.has_PyInitConfig_GetExitCode()
                && CPython.has_Py_InitializeFromInitConfig();
    }

    private static void initializeFromInitConfig(Optional<String> home, String programName) {
        long config = CPython.PyInitConfig_Create();
        if (config == 0) {
            throw ApiErrors.setup("PyInitConfig_Create failed: out of memory");
        }
        NativeScratch scratch = Gil.context().scratch();
        long mark = scratch.mark();
        try {
            Map<String, Long> fromEnvironment = StartupEnvironment.options(name -> EnvironmentVariables.get(name).orElse(null));
            PRE_OPTIONS.forEach(option -> setInt(config, scratch, option.name(), option.value()));
            if (PreInitialization.utf8ModeEnabled()) {
                // StandaloneLocale's decision (python3's: the C locale or PYTHONUTF8=1), which the legacy path reads from Py_UTF8Mode.
                setInt(config, scratch, "utf8_mode", 1);
            }
            if (fromEnvironment.containsKey("dev_mode")) {
                setInt(config, scratch, "dev_mode", fromEnvironment.get("dev_mode"));
            }
            OPTIONS.forEach(option -> setInt(config, scratch, option.name(), option.value()));
            fromEnvironment.forEach((name, value) -> {
                if (!name.equals("dev_mode")) {
                    setInt(config, scratch, name, value);
                }
            });
            if (home.isPresent()) {
                setStr(config, scratch, "home", home.get());
            }
            if (programName != null) {
                setStr(config, scratch, "program_name", programName);
            }
            if (CPython.Py_InitializeFromInitConfig(config) != 0) {
                long exitCode = scratch.allocate(8);
                if (CPython.PyInitConfig_GetExitCode(config, exitCode) != 0) {
                    throw ApiErrors.setup("Python asked to exit with status " + Memory.getInt(exitCode)
                            + " while starting (Py_InitializeFromInitConfig)");
                }
                throw ApiErrors.setup("Python failed to start (Py_InitializeFromInitConfig): "
                        + error(config, scratch));
            }
        } finally {
            scratch.release(mark);
            CPython.PyInitConfig_Free(config);
        }
    }

    private static void setInt(long config, NativeScratch scratch, String name, long value) {
        if (CPython.PyInitConfig_SetInt(config, scratch.cString(name), value) != 0) {
            throw ApiErrors.setup("cannot set the initialization option " + name + "=" + value + ": "
                    + error(config, scratch));
        }
    }

    private static void setStr(long config, NativeScratch scratch, String name, String value) {
        if (CPython.PyInitConfig_SetStr(config, scratch.cString(name), scratch.cString(value)) != 0) {
            throw ApiErrors.setup("cannot set the initialization option " + name + "='" + value + "': "
                    + error(config, scratch));
        }
    }

    /** The message {@code PyInitConfig_GetError} holds; it belongs to {@code config}, so it is copied out. */
    private static String error(long config, NativeScratch scratch) {
        long message = scratch.words(1);
        NativeScratch.putWord(message, 0, 0);
        if (CPython.PyInitConfig_GetError(config, message) == 0 || NativeScratch.getWord(message, 0) == 0) {
            return "no error message";
        }
        return Memory.cString(NativeScratch.getWord(message, 0));
    }

    /** Program name and home must be set before {@code Py_InitializeEx}; they stay referenced by Python. */
    private static void configureLegacy(ResolvedPython spec) {
        if (spec.home().isPresent()) {
            String home = spec.home().get().toString();
            if (CPython.has_Py_SetPythonHome()) {
                CPython.Py_SetPythonHome(wide(home));
            } else {
                LibC.setenv("PYTHONHOME", home);
            }
        }
        if (spec.programName() != null && CPython.has_Py_SetProgramName()) {
            CPython.Py_SetProgramName(wide(spec.programName().toString()));
        }
    }

    /** A {@code wchar_t*} copy that is never freed: Python keeps the pointer for its whole life. */
    private static long wide(String text) {
        NativeScratch scratch = Gil.context().scratch();
        long mark = scratch.mark();
        try {
            long wide = CPython.Py_DecodeLocale(scratch.cString(text), 0);
            if (wide == 0) {
                throw ApiErrors.setup("cannot decode '" + text + "' in the C locale's encoding");
            }
            return wide;
        } finally {
            scratch.release(mark);
        }
    }
}
