package io.pybridge.internal.convert;

import io.pybridge.internal.api.PublicPackage;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.reflect.Type;

/**
 * Conversions that layers above this one add to the engine: lazy iterators and streams, awaitable
 * futures, Python objects behind Java interfaces. The engine asks here where its own conversions end;
 * the public package installs the one implementation that knows the features.
 */
public interface ConversionExtensions {
    /** What {@link #fromPython} answers for a target it does not handle. */
    Object NOT_HANDLED = new Object();

    /** A new reference for {@code value}, or 0 when no extension converts it. The caller holds the GIL. */
    long toPython(ThreadContext ctx, Object value);

    /**
     * {@code object} (borrowed) as {@code target}, or {@link #NOT_HANDLED}. {@code proxy} says that the
     * engine found {@code raw} to be an interface its own conversions do not handle. The caller holds the GIL.
     *
     * @throws ConversionFailure when the object cannot stand for the target
     */
    Object fromPython(ThreadContext ctx, long object, Class<?> raw, Type target, boolean proxy);

    /** Whether Java arguments of {@code raw} convert through {@link #toPython} (for bind-time checks). */
    boolean isArgumentType(Class<?> raw);

    /** Whether {@code raw} is read lazily, its type argument being the element type. */
    boolean isIterationTarget(Class<?> raw);

    /** Whether an interface target {@code raw} means "the Python object behind that interface". */
    boolean isProxyTarget(Class<?> raw);

    static ConversionExtensions get() {
        ConversionExtensions installed = Holder.installed;
        if (installed == null) {
            PublicPackage.initialize();
            installed = Holder.installed;
        }
        return installed;
    }

    static void install(ConversionExtensions extensions) {
        Holder.installed = extensions;
    }

    final class Holder {
        private static volatile ConversionExtensions installed;

        private Holder() {
        }
    }
}
