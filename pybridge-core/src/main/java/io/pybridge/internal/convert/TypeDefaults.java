package io.pybridge.internal.convert;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value a {@link io.pybridge.convert.PyDefault} component gets when Python has none: 0, false or
 * '\0' for primitives, empty for List, Set, Map, Optional and arrays, null otherwise.
 */
final class TypeDefaults {

    private TypeDefaults() {
    }

    static Object of(Class<?> type) {
        if (type.isPrimitive()) {
            return Array.get(Array.newInstance(type, 1), 0);
        }
        if (type == List.class || type == Collection.class || type == Iterable.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type.isArray()) {
            return Array.newInstance(type.componentType(), 0);
        }
        return null;
    }
}
