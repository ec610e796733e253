package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shapes of the downcall handles made for libpython and the C library: a descriptor, and whether the
 * call is critical. The JDK makes one stub per shape and shares it among handles; the first stub of a
 * shape costs a JVM some 5 ms (the very first, 50), a handle of a shape already made 0.3 ms. How many a
 * start makes is kept down on purpose ({@link CFunctions}, {@code tools/capi-functions.txt}); recorded
 * here so that a test can say when a change adds one.
 *
 * <p>Recorded on every binding, so by the descriptor object, which the bindings share: naming it
 * ({@code toString}) cost each binding 0.1-0.3 ms while its code still runs interpreted.
 */
public final class DowncallShapes {
    private record Shape(FunctionDescriptor descriptor, boolean critical) {
        String name() {
            return critical ? descriptor + " critical" : descriptor.toString();
        }
    }

    private static final CopyOnWriteArrayList<Shape> MADE = new CopyOnWriteArrayList<>();

    private DowncallShapes() {
    }

    static void record(FunctionDescriptor descriptor, boolean critical) {
        for (Shape shape : MADE) {
            if (shape.descriptor == descriptor && shape.critical == critical) {
                return;
            }
        }
        MADE.add(new Shape(descriptor, critical));
    }

    /** The shapes made so far, by name, sorted; for tests and diagnostics. */
    public static Set<String> made() {
        Set<String> names = new TreeSet<>();
        for (Shape shape : MADE) {
            names.add(shape.name());
        }
        return names;
    }
}
