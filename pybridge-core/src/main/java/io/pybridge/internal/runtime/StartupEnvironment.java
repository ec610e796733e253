package io.pybridge.internal.runtime;

import io.pybridge.internal.api.ApiErrors;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code PYTHON*} environment variables that standalone Python and the legacy initialization
 * read, but that a PEP 741 configuration ignores even with {@code use_environment=1}:
 * {@code PyInitConfig_Create} starts from the isolated configuration, which sets these options to 0
 * rather than "unset", and {@code PyInitConfig_SetInt} cannot set them back to unset. So they are read
 * here, with CPython's own rules and error messages (CPython 3.14, {@code Python/initconfig.c}), and
 * passed as explicit options.
 *
 * <p>{@code PYTHONFAULTHANDLER} is not among them: {@link ProcessParity} hides it during start-up on every
 * version and installs faulthandler's JVM-safe version afterwards.
 */
final class StartupEnvironment {
    private static final long MAX_HASH_SEED = 4_294_967_295L;
    private static final int MIN_INT_MAX_STR_DIGITS = 640;

    private StartupEnvironment() {
    }

    /**
     * The options the environment asks for, in the order to set them ({@code dev_mode} first: it is a
     * pre-initialization option).
     *
     * @param environment variable lookup; null or empty means unset, as CPython treats them
     * @throws PythonSetupException naming the variable, where standalone Python would refuse to start
     */
    static Map<String, Long> options(Function<String, String> environment) {
        Map<String, Long> options = new LinkedHashMap<>();
        if (value(environment, "PYTHONDEVMODE") != null) {
            options.put("dev_mode", 1L);
            // The development mode implies faulthandler, unless set otherwise; the isolated default pins it to 0.
            options.put("faulthandler", 1L);
        }
        String seed = value(environment, "PYTHONHASHSEED");
        if (seed != null && !seed.equals("random")) {
            long parsed = parseOrMinusOne(seed);
            if (parsed < 0 || parsed > MAX_HASH_SEED) {
                throw ApiErrors.setup("PYTHONHASHSEED must be \"random\" or an integer in range [0; "
                        + MAX_HASH_SEED + "], not '" + seed + "'");
            }
            options.put("use_hash_seed", 1L);
            options.put("hash_seed", parsed);
        }
        String frames = value(environment, "PYTHONTRACEMALLOC");
        if (frames != null) {
            long parsed = parseOrMinusOne(frames);
            if (parsed < 0 || parsed > Integer.MAX_VALUE) {
                throw ApiErrors.setup("PYTHONTRACEMALLOC: invalid number of frames: '" + frames + "'");
            }
            options.put("tracemalloc", parsed);
        }
        String digits = value(environment, "PYTHONINTMAXSTRDIGITS");
        if (digits != null) {
            long parsed = parseOrMinusOne(digits);
            if (parsed < 0 || parsed > Integer.MAX_VALUE || (parsed != 0 && parsed < MIN_INT_MAX_STR_DIGITS)) {
                throw ApiErrors.setup("PYTHONINTMAXSTRDIGITS: invalid limit; must be >= "
                        + MIN_INT_MAX_STR_DIGITS + " or 0 for unlimited, not '" + digits + "'");
            }
            options.put("int_max_str_digits", parsed);
        }
        // An unparsable value turns the option off, as in CPython; the JIT variant wins when both are set.
        if (parseOrMinusOne(value(environment, "PYTHON_PERF_JIT_SUPPORT")) > 0) {
            options.put("perf_profiling", 2L);
        } else if (parseOrMinusOne(value(environment, "PYTHONPERFSUPPORT")) > 0) {
            options.put("perf_profiling", 1L);
        }
        return options;
    }

    private static String value(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A non-negative decimal number, or -1 when {@code text} is not one (or is null). */
    private static long parseOrMinusOne(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
