package io.pybridge;

import io.pybridge.internal.aio.JavaFutures;
import io.pybridge.internal.bind.ObjectProxies;
import io.pybridge.internal.convert.ConversionExtensions;
import io.pybridge.internal.convert.ConversionFailure;
import io.pybridge.internal.iteration.JavaIterators;
import io.pybridge.internal.iteration.PythonIteration;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * What the features add to the conversion engine ({@link ConversionExtensions}), in one place: the
 * engine, a lower layer, asks here where its own conversions end.
 *
 * <p>Java to Python: a proxy of a Python object is that object; a {@code CompletionStage} is an awaitable
 * {@code JavaFuture}; an {@code Iterator}, a {@code Stream} or an {@code Iterable} that is not a
 * {@code Collection} is a lazy Python iterator. Python to Java: {@code Iterator<T>}, {@code PyIterator<T>}
 * and {@code Stream<T>} targets read the Python iterable lazily; an interface target that no other
 * conversion handles is a proxy calling the object's methods.
 */
final class IdiomConversions implements ConversionExtensions {

    /** A new reference for {@code value}, or 0 when it is none of the idioms' types. The caller holds the GIL. */
    @Override
    public long toPython(ThreadContext ctx, Object value) {
        long proxied = ObjectProxies.unwrap(value);
        if (proxied != 0) {
            return proxied;
        }
        if (value instanceof CompletionStage<?> stage) {
            return JavaFutures.toPython(ctx, stage);
        }
        if (JavaIterators.handles(value)) {
            return JavaIterators.toPython(ctx, value);
        }
        return 0;
    }

    /** Whether Java values of {@code raw} convert through {@link #toPython} (for bind-time checks). */
    @Override
    public boolean isArgumentType(Class<?> raw) {
        return CompletionStage.class.isAssignableFrom(raw) || Iterator.class.isAssignableFrom(raw)
                || java.util.stream.BaseStream.class.isAssignableFrom(raw) || Iterable.class.isAssignableFrom(raw);
    }

    /**
     * Whether an interface target means a proxy of the Python object: an interface that is not a
     * {@code Collection} or {@code Map} (those are copied) nor an iteration target. The caller also rules out
     * interfaces a natural value implements ({@code Comparable}, {@code CharSequence}, ...), which convert
     * to that value as before.
     */
    @Override
    public boolean isProxyTarget(Class<?> raw) {
        return raw.isInterface() && !raw.isAnnotation() && !Collection.class.isAssignableFrom(raw)
                && !Map.class.isAssignableFrom(raw) && !isIterationTarget(raw);
    }

    /** Whether {@code raw} is a lazy iteration target: its type argument is the element type. */
    @Override
    public boolean isIterationTarget(Class<?> raw) {
        return raw == Iterator.class || raw == PyIterator.class || raw == Stream.class;
    }

    /**
     * {@code object} (borrowed) as {@code target} when that is an iteration target, or as a proxy when
     * {@code proxy} says the caller found {@code raw} to be an interface no other conversion handles;
     * {@link #NOT_HANDLED} otherwise. The caller holds the GIL.
     *
     * @throws ConversionFailure        when the object cannot stand for the interface
     * @throws IllegalArgumentException when the interface has types the conversions do not handle
     */
    @Override
    public Object fromPython(ThreadContext ctx, long object, Class<?> raw, Type target, boolean proxy) {
        if (isIterationTarget(raw)) {
            PyIterator<Object> iterator;
            try {
                iterator = new PyIterator<>(PythonIteration.iterate(ctx, object), elementType(target), 1);
            } catch (PythonException e) {
                throw new ConversionFailure("expected an iterable, got " + PythonNames.typeNameOf(ctx, object)
                        + " (" + e.getMessage() + ")");
            }
            return raw == Stream.class ? iterator.stream() : iterator;
        }
        if (proxy) {
            return ObjectProxies.proxy(ctx, object, raw, target);
        }
        return NOT_HANDLED;
    }

    /** The {@code T} of {@code Iterator<T>}, {@code PyIterator<T>} or {@code Stream<T>}; {@code Object} when raw. */
    static Type elementType(Type target) {
        if (target instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[0];
            return argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        return Object.class;
    }
}
