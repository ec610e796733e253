package io.pybridge.internal.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shapes of the downcall handles made for libpython and the C library: a descriptor, and whether the
 * call is critical. The JDK makes one stub per shape and shares it among handles; the first stub of a
 * shape costs a JVM some 5 ms (the very first, 50). How many a start makes is kept down on purpose
 * ({@link CFunctions}, {@code tools/capi-functions.txt}); recorded here so that a test can say when a
 * change adds one.
 *
 * <p>Each shape's handle takes the function's address as its first argument, and a binding binds a symbol
 * to it, as {@link Linker#downcallHandle(MemorySegment, FunctionDescriptor, Linker.Option...)} itself does
 * ({@code bindTo} on the same cached handle), so the handles are the ones the JDK would make. That method
 * also checks the descriptor's layouts, strips their names, looks its cache up by the descriptor's hash
 * and walks the stack for its caller, 0.1-0.3 ms of interpreted code per binding (about 35 at a start,
 * more at each first use); here that is done once per shape, and a shape is found by its descriptor
 * object, which the bindings share.
 */
public final class DowncallShapes {
    private static final Linker LINKER = Linker.nativeLinker();

    private record Shape(FunctionDescriptor descriptor, boolean critical, MethodHandle handle) {
        String name() {
            return critical ? descriptor + " critical" : descriptor.toString();
        }
    }

    private static final CopyOnWriteArrayList<Shape> MADE = new CopyOnWriteArrayList<>();

    private DowncallShapes() {
    }

    /** The downcall handle of the function at {@code symbol}, of this shape. */
    static MethodHandle bind(MemorySegment symbol, FunctionDescriptor descriptor, boolean critical) {
        return handleOf(descriptor, critical).bindTo(symbol);
    }

    private static MethodHandle handleOf(FunctionDescriptor descriptor, boolean critical) {
        for (Shape shape : MADE) {
            if (shape.descriptor == descriptor && shape.critical == critical) {
                return shape.handle;
            }
        }
        MethodHandle handle = critical
                ? LINKER.downcallHandle(descriptor, Linker.Option.critical(false))
                : LINKER.downcallHandle(descriptor);
        MADE.add(new Shape(descriptor, critical, handle)); // two threads may add a shape twice: harmless
        return handle;
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
