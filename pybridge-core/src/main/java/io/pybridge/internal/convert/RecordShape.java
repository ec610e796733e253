package io.pybridge.internal.convert;

import io.pybridge.convert.PyDefault;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;

/**
 * What the conversions need to know about a record class, worked out once per class: each component's
 * Java and Python names, generic type, whether it is {@link PyDefault}, its accessor, and the canonical
 * constructor.
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    record Component(String javaName, String pythonName, Type type, Class<?> raw, boolean defaulted,
                     MethodHandle accessor) {
    }

    final Class<?> type;
    final Component[] components;
    private final MethodHandle constructor;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] declared = type.getRecordComponents();
        components = new Component[declared.length];
        Class<?>[] rawTypes = new Class<?>[declared.length];
        try {
            for (int i = 0; i < declared.length; i++) {
                RecordComponent c = declared[i];
                Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                components[i] = new Component(c.getName(), PythonNaming.of(c, c.getName()), c.getGenericType(),
                        c.getType(), c.isAnnotationPresent(PyDefault.class),
                        MethodHandles.lookup().unreflect(accessor).asType(
                                java.lang.invoke.MethodType.methodType(Object.class, Object.class)));
                rawTypes[i] = c.getType();
            }
            Constructor<?> canonical = type.getDeclaredConstructor(rawTypes);
            canonical.setAccessible(true);
            constructor = MethodHandles.lookup().unreflectConstructor(canonical)
                    .asSpreader(Object[].class, declared.length)
                    .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
            throw new ConversionFailure("record " + type.getName() + " is not accessible to PyBridge (" + e.getMessage()
                    + "); make it public or open its package to PyBridge", e);
        }
    }

    static RecordShape of(Class<?> recordType) {
        return SHAPES.get(recordType);
    }

    /** Makes the shape of {@code recordType} ahead of its first conversion; why it cannot be made, or null. */
    static String prepare(Class<?> recordType) {
        try {
            of(recordType);
            return null;
        } catch (ConversionFailure e) {
            return e.getMessage();
        }
    }

    Object construct(Object[] values) {
        try {
            return constructor.invokeExact(values);
        } catch (Throwable e) {
            throw new ConversionFailure("the " + type.getSimpleName() + " constructor rejected the values: " + e, e);
        }
    }

    Object read(Component component, Object record) {
        try {
            return component.accessor.invokeExact(record);
        } catch (Throwable e) {
            throw new ConversionFailure("reading " + type.getSimpleName() + "." + component.javaName + "() failed: " + e, e);
        }
    }
}
