package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes of the downcall handles made for libpython and the C library: a descriptor, and whether the
 * call is critical. The JDK makes one stub per shape and shares it among handles; the first stub of a
 * shape costs a JVM some 5 ms (the very first, 50), a handle of a shape already made 0.3 ms. How many a
 * start makes is kept down on purpose ({@link CFunctions}, {@code tools/capi-functions.txt}); recorded
 * here so that a test can say when a change adds one.
 */
public final class DowncallShapes {
    private static final Set<String> MADE = ConcurrentHashMap.newKeySet();

    private DowncallShapes() {
    }

    static void record(FunctionDescriptor descriptor, boolean critical) {
        MADE.add(critical ? descriptor + " critical" : descriptor.toString());
    }

    /** The shapes made so far, sorted; for tests and diagnostics. */
    public static Set<String> made() {
        return new TreeSet<>(MADE);
    }
}
