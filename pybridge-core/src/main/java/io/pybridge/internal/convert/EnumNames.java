package io.pybridge.internal.convert;

import io.pybridge.convert.PyName;

import java.util.HashMap;
import java.util.Map;

/** Enum constants by their Python name: the constant's name, or its {@link PyName}. */
final class EnumNames {
    private static final ClassValue<Map<String, Enum<?>>> BY_PYTHON_NAME = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> names = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                Enum<?> e = (Enum<?>) constant;
                names.put(pythonName(e), e);
            }
            return names;
        }
    };

    private EnumNames() {
    }

    static String pythonName(Enum<?> constant) {
        try {
            PyName name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(PyName.class);
            return name == null ? constant.name() : name.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    static Enum<?> constant(Class<?> enumType, String pythonName) {
        return BY_PYTHON_NAME.get(enumType).get(pythonName);
    }

    static java.util.Set<String> names(Class<?> enumType) {
        return BY_PYTHON_NAME.get(enumType).keySet();
    }
}
