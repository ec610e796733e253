package io.pybridge.internal.convert;

import java.lang.reflect.Type;

/**
 * A Java functional object on its way to Python together with its declared generic type (e.g. the
 * parameter type {@code Function<String, Integer>} of a bound interface method), so that the values
 * Python passes to it are converted to the types it declares rather than to their natural Java types.
 */
public final class CallableArgument {
    private final Object function;
    private final Type declaredType;

    public CallableArgument(Object function, Type declaredType) {
        this.function = function;
        this.declaredType = declaredType;
    }

    Object function() {
        return function;
    }

    Type declaredType() {
        return declaredType;
    }
}
