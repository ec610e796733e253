package io.pybridge.internal.runtime;

import io.pybridge.internal.capi.Signals;
import io.pybridge.internal.capi.Signals.Disposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM's handlers for the signals it cannot lose: SIGSEGV (implicit null checks, stack banging,
 * safepoint polls), SIGFPE (implicit division checks on x86-64), SIGBUS, SIGILL, and SIGABRT, which ends
 * its fatal-error path. They are read before
 * Python initializes; afterwards anything that replaced one (faulthandler enabled during
 * initialization, a sitecustomize calling {@code signal.signal}, a C extension or ctypes calling
 * {@code sigaction}) is found, reported and undone, after start and at close. Between those points a
 * replaced handler is not seen; {@code pybridge doctor} and {@link #replaced()} report it on demand.
 */
public final class JvmSignals {
    static final List<String> NAMES = List.of("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGABRT");
    private static final Logger LOG = LoggerFactory.getLogger(JvmSignals.class);
    private static volatile Map<String, Disposition> captured = Map.of();

    private JvmSignals() {
    }

    /** Remembers what the JVM installed; called once, before Python initializes. */
    static void capture() {
        if (!Signals.isSupported()) {
            LOG.debug("signal handlers are not checked on this platform");
            return;
        }
        Map<String, Disposition> now = new LinkedHashMap<>();
        for (String name : NAMES) {
            Optional<Integer> number = Signals.number(name);
            if (number.isPresent()) {
                now.put(name, Signals.current(number.get()));
            }
        }
        captured = Collections.unmodifiableMap(now);
    }

    /** The signals whose handler is no longer the JVM's; empty before start or where not supported. */
    public static List<String> replaced() {
        List<String> replaced = new ArrayList<>();
        for (String name : NAMES) {
            Disposition jvm = captured.get(name);
            if (jvm != null && !jvm.sameHandling(Signals.current(jvm.signal()))) {
                replaced.add(name);
            }
        }
        return replaced;
    }

    /** One line for diagnostics: whose handlers the JVM's signals have now. */
    public static String describe() {
        if (captured.isEmpty()) {
            return Signals.isSupported() ? "not checked (Python not started in this JVM)"
                    : "not checked on " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
        List<String> replaced = replaced();
        return replaced.isEmpty()
                ? "the JVM's handlers for " + String.join(", ", captured.keySet())
                : "REPLACED since Python started: " + String.join(", ", replaced)
                  + " (the JVM can abort the next time it relies on them, e.g. at a null check in compiled code; "
                  + "close() restores them; find the C code that calls sigaction, or run the JVM with "
                  + "LD_PRELOAD=$JAVA_HOME/lib/libjsig.so)";
    }

    /**
     * Puts the JVM's handler back for every signal whose handler was replaced, and logs a warning naming
     * them and {@code when}. Returns the names.
     */
    static List<String> restoreReplaced(String when) {
        List<String> replaced = replaced();
        for (String name : replaced) {
            Signals.install(captured.get(name));
        }
        if (!replaced.isEmpty()) {
            LOG.warn("{}: the handlers of {} were replaced by code running in Python (faulthandler, signal.signal, "
                    + "a C extension or ctypes calling sigaction); the JVM's handlers are restored, since without them "
                    + "the JVM aborts the next time it relies on them (null checks in compiled code, stack banging). "
                    + "See docs/embedding-differences.md", when, replaced);
        }
        return replaced;
    }
}
